/**
 * The durable trading store on the grid. {@link org.nautilus.grid.internal.store.IgniteTradingStore} is a facade over
 * small parts: {@link org.nautilus.grid.internal.store.StoreCaches} (the caches and their binary types),
 * {@link org.nautilus.grid.internal.store.StoreIdentity} (which store the data is: marker, format, journal id),
 * {@link org.nautilus.grid.internal.store.EpochFence} (the OMS leadership fence) and one
 * {@link org.nautilus.grid.internal.store.WriteStrategy} chosen when it opens: Ignite transactions
 * ({@link org.nautilus.grid.internal.store.DirectWrites}) or the store's own journal written behind
 * ({@link org.nautilus.grid.internal.store.JournaledWrites}). Codecs ({@code OrderCodecs}, {@code PositionCodecs},
 * {@code StateCodecs} for Ignite's binary objects, {@code UnitCodec} for the journal) keep an order's OMS working
 * state as the opaque bytes the OMS gave; a stored order has one encoding, the journal's {@code OrderJournalCodec},
 * which the order cache holds too. Snapshots and their targets live here too.
 */
package org.nautilus.grid.internal.store;
