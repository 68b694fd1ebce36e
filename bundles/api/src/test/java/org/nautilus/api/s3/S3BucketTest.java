package org.nautilus.api.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

class S3BucketTest {

    @Test
    void anEmptyRegionAndEndpointAreTheEnvironmentsAndAwss() {
        S3Bucket bucket = S3Bucket.configured(" nautilus-artifacts ", "", "", Map.of("AWS_REGION", "eu-west-1"));
        assertThat(bucket).isEqualTo(new S3Bucket(URI.create("https://s3.eu-west-1.amazonaws.com"),
                "nautilus-artifacts", "eu-west-1"));
        assertThat(S3Bucket.configured("b42", "us-east-1", "http://127.0.0.1:9000/", Map.of()))
                .isEqualTo(new S3Bucket(URI.create("http://127.0.0.1:9000"), "b42", "us-east-1"));
        assertThat(bucket.uri("models/r1/model.bin")).isEqualTo("s3://nautilus-artifacts/models/r1/model.bin");
    }

    @Test
    void whatIsMissingOrWrongIsNamed() {
        assertThatThrownBy(() -> S3Bucket.configured("", "us-east-1", "", Map.of()))
                .hasMessageContaining("s3.bucket is empty");
        assertThatThrownBy(() -> S3Bucket.configured("b42", "", "", Map.of()))
                .hasMessageContaining("s3.region is empty and neither AWS_REGION nor AWS_DEFAULT_REGION is set");
        assertThatThrownBy(() -> S3Bucket.configured("My_Bucket", "us-east-1", "", Map.of()))
                .hasMessageContaining("invalid S3 bucket name 'My_Bucket'");
        assertThatThrownBy(() -> S3Bucket.configured("b42", "us-east-1", "s3.example.com", Map.of()))
                .hasMessageContaining("an S3 endpoint is http(s)://host[:port], not 's3.example.com'");
    }
}
