package org.nautilus.api.marketdata;

/** A live subscription; closing it stops delivery. Closing twice does nothing. */
public interface Subscription extends AutoCloseable {

    @Override
    void close();
}
