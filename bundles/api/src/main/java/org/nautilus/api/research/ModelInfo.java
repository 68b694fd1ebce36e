package org.nautilus.api.research;

/**
 * A registered model and its training state.
 *
 * @param name        the model name
 * @param description what it is
 * @param status      {@code WAITING_FOR_DATA}, {@code TRAINING}, {@code READY} or {@code FAILED}
 * @param detail      why it is waiting or failed, otherwise {@code null}
 * @param metrics     the training metrics once READY, otherwise {@code null}
 */
public record ModelInfo(String name, String description, String status, String detail, ModelMetrics metrics) {
}
