/**
 * Domain values of the trading platform: identifiers, instruments, orders, fills and positions.
 *
 * <p>Every value is an immutable record validated in its constructor. Prices, quantities and money are
 * fixed-point ({@link org.nautilus.api.domain.FixedPoint}: a {@code long} of units of 10<sup>-8</sup>),
 * never {@code double}. An {@link org.nautilus.api.domain.OrderRequest} is what a client asks for; an
 * {@link org.nautilus.api.domain.Order} is the OMS's view of it over its life; a
 * {@link org.nautilus.api.domain.Fill} is one execution; a {@link org.nautilus.api.domain.Position} is the
 * net result of the fills of one portfolio in one instrument. A refused order carries a
 * {@link org.nautilus.api.domain.RejectCode}.
 *
 * <p>2.0: {@code Order} gained the {@code rejectCode} component (the code used to be a {@code " [CODE]"} suffix of
 * the reason).
 */
@Export
@Version("2.0.0")
package org.nautilus.api.domain;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
