package org.nautilus.api.s3;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How the client reads S3's answers: error documents become {@link S3Exception}s with the code and a hint, a
 * missing key is an empty answer but a missing bucket is an error. (The round trip against an S3 implementation
 * that checks signatures is in the grid's and the research bundle's tests, which run S3Proxy.)
 */
class S3ClientTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        server.stop(0);
    }

    /** A server answering every request with {@code status} and {@code body}. */
    private S3Client answering(int status, String body) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            byte[] answer = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
        return new S3Client(new S3Bucket(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                "nautilus-artifacts", "us-east-1"), () -> new S3Credentials("AKID", "wrong", null), Clock.systemUTC());
    }

    @Test
    void aRefusalNamesTheBucketTheRequestTheCodeAndWhatToCheck() throws IOException {
        S3Client s3 = answering(403, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>SignatureDoesNotMatch"
                + "</Code><Message>The request signature we calculated does not match the signature you provided."
                + "</Message></Error>");
        assertThatThrownBy(() -> s3.put("models/r1/model.bin", new byte[] {1})).isInstanceOfSatisfying(
                S3Exception.class, e -> {
                    assertThat(e.status()).isEqualTo(403);
                    assertThat(e.code()).isEqualTo("SignatureDoesNotMatch");
                    assertThat(e.bucket()).isEqualTo("nautilus-artifacts");
                })
                .hasMessageStartingWith("S3 bucket nautilus-artifacts refused PUT models/r1/model.bin at http://")
                .hasMessageContaining("HTTP 403 SignatureDoesNotMatch (The request signature we calculated")
                .hasMessageEndingWith(": the secret access key is not the one of this access key id");
        assertThatThrownBy(() -> s3.list("models/")).isInstanceOf(S3Exception.class)
                .hasMessageContaining("refused the listing of 'models/'");
    }

    @Test
    void aMissingKeyIsEmptyButAMissingBucketIsAnError() throws IOException {
        S3Client noKey = answering(404, "<Error><Code>NoSuchKey</Code><Message>no</Message></Error>");
        assertThat(noKey.get("models/r1/model.bin")).isEmpty();
        stop();
        S3Client noBucket = answering(404, "<Error><Code>NoSuchBucket</Code><Message>The specified bucket does not "
                + "exist</Message></Error>");
        assertThatThrownBy(() -> noBucket.get("models/r1/model.bin")).isInstanceOf(S3Exception.class)
                .hasMessageContaining("HTTP 404 NoSuchBucket (The specified bucket does not exist): there is no such "
                        + "bucket at this endpoint");
    }

    @Test
    void anEndpointThatDoesNotAnswerIsNamed() throws IOException {
        S3Client s3 = answering(200, "");
        URI endpoint = s3.bucket().endpoint();
        stop();
        server = HttpServer.create(); // stopped above; a fresh unbound one for @AfterEach
        assertThatThrownBy(() -> s3.get("k")).isInstanceOf(IOException.class)
                .hasMessageContaining("S3 bucket nautilus-artifacts at " + endpoint + " did not answer GET k");
    }
}
