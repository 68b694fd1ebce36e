/**
 * What the Weka model families share (one bundle per family imports it): Weka 3.8.7 itself, wrapped once in this
 * library bundle, which also exports the {@code weka.*} packages at version 3.8.7, and the adapter from the model
 * SPI to a Weka classifier ({@link org.nautilus.model.weka.WekaFamily}): data header, fitting, prediction, the
 * saved artifact (stamped with the Weka version) and parameter checking.
 */
@Export
@Version("2.1.0")
package org.nautilus.model.weka;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
