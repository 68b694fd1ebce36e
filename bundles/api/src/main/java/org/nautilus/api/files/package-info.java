/**
 * Watched configuration directories ({@code etc/routes/}, {@code etc/factors/}): reading a directory's files with
 * their content hashes, the one way the platform's hot-reloading loaders see what changed.
 */
@Export
@Version("1.0.0")
package org.nautilus.api.files;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
