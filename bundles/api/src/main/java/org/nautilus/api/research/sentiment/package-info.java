/**
 * Sentiment from news and social items: a {@link org.nautilus.api.research.sentiment.SentimentScorer} (a plugin:
 * a lexicon, later a trained text classifier) scores one text, and the
 * {@link org.nautilus.api.research.sentiment.SentimentService} keeps the items of each instrument and gives its
 * decayed-average score as of any moment, from the items published by then only.
 */
@Export
@Version("1.0.0")
package org.nautilus.api.research.sentiment;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
