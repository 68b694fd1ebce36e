package org.nautilus.routes.internal.signals;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.camel.Component;
import org.apache.camel.Consumer;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.Producer;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.DefaultEndpoint;
import org.nautilus.api.research.signal.SignalBatch;
import org.nautilus.api.research.signal.SignalListener;
import org.nautilus.routes.internal.component.Gateways;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code from: nautilus:signals?model=aapl-lgbm&shadow=false&split=true}: model signals as they are published, one
 * exchange per {@link SignalBatch} (body: the batch) or, with {@code split=true}, one per signal (body: the
 * {@link org.nautilus.api.research.signal.Signal}). Headers: {@value #MODEL}, {@value #VERSION}, {@value #ALIAS},
 * {@value #SHADOW}. The consumer is a {@link SignalListener} service; batches wait in a queue of {@code queueSize}
 * for the route's own thread, so a slow route never holds up serving (when the queue is full a batch is dropped
 * and counted in the log). Consumer only: signals come from models, not routes.
 */
public final class SignalsEndpoint extends DefaultEndpoint {

    private static final Logger LOG = LoggerFactory.getLogger(SignalsEndpoint.class);
    static final String MODEL = "NautilusModel";
    static final String VERSION = "NautilusModelVersion";
    static final String ALIAS = "NautilusModelAlias";
    static final String SHADOW = "NautilusShadow";

    private final Gateways gateways;
    private final String model;
    private final boolean shadow;
    private final boolean split;
    private final int queueSize;

    public SignalsEndpoint(String uri, Component component, Gateways gateways, String model, boolean shadow,
            boolean split, int queueSize) {
        super(uri, component);
        if (queueSize < 1) {
            throw new IllegalArgumentException(uri + ": queueSize must be >= 1");
        }
        this.gateways = gateways;
        this.model = model == null || model.isBlank() ? null : model.strip();
        this.shadow = shadow;
        this.split = split;
        this.queueSize = queueSize;
    }

    @Override
    public Producer createProducer() {
        throw new UnsupportedOperationException(getEndpointUri() + " only consumes ('from:'): signals come from "
                + "registered models (nautilus:model-promote)");
    }

    @Override
    public Consumer createConsumer(Processor processor) throws Exception {
        SignalConsumer consumer = new SignalConsumer(processor);
        configureConsumer(consumer);
        return consumer;
    }

    private final class SignalConsumer extends DefaultConsumer implements SignalListener {
        private final BlockingQueue<SignalBatch> queue = new ArrayBlockingQueue<>(queueSize);
        private final AtomicLong dropped = new AtomicLong();
        private AutoCloseable subscription;
        private Thread thread;

        SignalConsumer(Processor processor) {
            super(SignalsEndpoint.this, processor);
        }

        @Override
        protected void doStart() throws Exception {
            super.doStart();
            thread = new Thread(this::deliver, "nautilus-signals-route-" + getEndpointUri());
            thread.setDaemon(true);
            thread.start();
            subscription = gateways.subscribeSignals(this, model, shadow);
        }

        @Override
        protected void doStop() throws Exception {
            if (subscription != null) {
                subscription.close();
                subscription = null;
            }
            if (thread != null) {
                thread.interrupt();
                thread.join(5000);
                thread = null;
            }
            super.doStop();
        }

        @Override
        public void onSignals(SignalBatch batch) {
            if (!queue.offer(batch)) {
                long count = dropped.incrementAndGet();
                if (Long.bitCount(count) == 1) { // 1, 2, 4, 8...: say so without flooding the log
                    LOG.warn("{}: route {} is behind; {} signal batches dropped so far", getEndpointUri(), getRouteId(),
                            count);
                }
            }
        }

        private void deliver() {
            while (!Thread.currentThread().isInterrupted()) {
                SignalBatch batch;
                try {
                    batch = queue.take();
                } catch (InterruptedException e) {
                    return;
                }
                if (split) {
                    batch.signals().forEach(signal -> send(batch, signal));
                } else {
                    send(batch, batch);
                }
            }
        }

        private void send(SignalBatch batch, Object body) {
            Exchange exchange = createExchange(true);
            exchange.getMessage().setBody(body);
            exchange.getMessage().setHeader(MODEL, batch.model());
            exchange.getMessage().setHeader(VERSION, batch.version());
            exchange.getMessage().setHeader(ALIAS, batch.alias());
            exchange.getMessage().setHeader(SHADOW, batch.shadow());
            try {
                getProcessor().process(exchange);
            } catch (Exception e) {
                exchange.setException(e);
            }
            if (exchange.getException() != null) {
                getExceptionHandler().handleException("Signals of " + batch.model(), exchange, exchange.getException());
            }
            releaseExchange(exchange, true);
        }
    }
}
