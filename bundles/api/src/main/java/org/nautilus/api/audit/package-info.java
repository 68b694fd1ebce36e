/**
 * The append-only audit journal: every order event and every risk or configuration change, in the order they
 * were committed, queryable and exportable as CSV or JSON lines; and every action a user gave, with the user and the
 * channel ({@link org.nautilus.api.audit.Actor}).
 */
@Export
@Version("1.3.0")
package org.nautilus.api.audit;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
