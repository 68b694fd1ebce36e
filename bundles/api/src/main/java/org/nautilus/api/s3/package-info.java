/**
 * Amazon S3 over its REST API with AWS Signature Version 4 and no SDK: one small client ({@link S3Client}: PUT,
 * GET, ListObjectsV2, DELETE, path-style) shared by the bundles that keep data in a bucket (the grid's snapshot
 * target, the research bundle's artifact store), so the signing exists once. Only JDK types ({@code java.net.http},
 * {@code javax.crypto}); errors are {@link S3Exception}s naming the bucket, the request and S3's error code.
 */
@Export
@Version("1.0.0")
package org.nautilus.api.s3;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
