/**
 * Who may use the platform: checking a user's password against the platform's users (the Karaf JAAS realm that the
 * shell and HTTP use) for channels that log users on themselves, such as FIX sessions.
 */
@Export
@Version("1.0.0")
package org.nautilus.api.access;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
