package org.nautilus.api.s3;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SigV4Test {

    @Test
    void signsTheAwsTestSuitesGetVanillaRequestAsPublished() {
        Map<String, String> headers = SigV4.sign("GET", "/", "", "example.amazonaws.com",
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                new S3Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", null),
                "20150830T123600Z", "us-east-1", "service", false);
        assertThat(headers.get("Authorization")).isEqualTo("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/"
                + "us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, "
                + "Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
    }

    @Test
    void queriesAndKeysAreEncodedAsSigV4Requires() {
        assertThat(SigV4.canonicalQuery(Map.of("prefix", "models/run 1/", "list-type", "2")))
                .isEqualTo("list-type=2&prefix=models%2Frun%201%2F");
        assertThat(SigV4.encodePath("prod/node a/x*~.bin")).isEqualTo("prod/node%20a/x%2A~.bin");
    }

    @Test
    void theSecretIsNeverPrinted() {
        assertThat(new S3Credentials("AKID", "very-secret", "tok-123").toString()).contains("AKID")
                .doesNotContain("very-secret").doesNotContain("tok-123");
    }
}
