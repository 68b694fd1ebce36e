package org.nautilus.venue.ibkr.internal;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.extension.Extension;
import java.net.URI;

/**
 * A Client Portal gateway served by WireMock, with answers in the shapes IBKR's published Client Portal Web API
 * reference gives (see the README of this module for what is sourced and what is guessed). Each setter replaces the
 * answer of one endpoint: WireMock serves the newest matching stub.
 */
final class GatewayFake implements AutoCloseable {

    static final String ACCOUNT = "DU1234567";
    static final String API = "/v1/api";

    final WireMockServer server;

    GatewayFake(Extension... extensions) {
        server = new WireMockServer(WireMockConfiguration.options().dynamicPort().extensions(extensions));
        server.start();
        authenticated(true);
        server.stubFor(get(urlEqualTo(API + "/iserver/accounts")).willReturn(okJson(
                "{\"accounts\":[\"" + ACCOUNT + "\"],\"aliases\":{\"" + ACCOUNT + "\":\"" + ACCOUNT + "\"},"
                        + "\"selectedAccount\":\"" + ACCOUNT + "\"}")));
        // The gateway sets its session cookie; the socket's opening handshake carries it back.
        server.stubFor(post(urlEqualTo(API + "/tickle")).willReturn(okJson(
                "{\"session\":\"" + SocketFake.SESSION + "\",\"ssoExpires\":460311,\"collission\":false,"
                        + "\"userId\":123456,\"iserver\":{\"authStatus\":{\"authenticated\":true,\"competing\":false,"
                        + "\"connected\":true}}}").withHeader("Set-Cookie",
                                "x-sess-uuid=0.1f2e3d4c.1733063400.5a6b7c; Path=/")));
        server.stubFor(post(urlEqualTo(API + "/iserver/secdef/search")).willReturn(okJson(
                "[{\"conid\":265598,\"companyHeader\":\"APPLE INC - NASDAQ\",\"companyName\":\"APPLE INC\","
                        + "\"symbol\":\"AAPL\",\"description\":\"NASDAQ\",\"sections\":[{\"secType\":\"STK\"},"
                        + "{\"secType\":\"OPT\",\"months\":\"JAN25;FEB25\",\"exchange\":\"SMART\"}]}]")));
        trades("[]");
        orders("");
        positions("[]");
    }

    URI baseUrl() {
        return URI.create("http://localhost:" + server.port() + API);
    }

    void authenticated(boolean yes) {
        server.stubFor(post(urlEqualTo(API + "/iserver/auth/status")).willReturn(okJson(
                "{\"authenticated\":" + yes + ",\"competing\":false,\"connected\":" + yes + ",\"message\":\""
                        + (yes ? "" : "gateway restarted") + "\",\"MAC\":\"98:F2:B3:23:BF:A0\",\"serverInfo\":"
                        + "{\"serverName\":\"JifN19053\",\"serverVersion\":\"Build 10.25.0p\"},\"fail\":\"\"}")));
    }

    /** Every call answers 401, as after the session expired. */
    void expired() {
        server.stubFor(get(urlPathMatching(API + "/iserver/account/.*")).willReturn(aResponse().withStatus(401)));
        server.stubFor(post(urlEqualTo(API + "/iserver/auth/status")).willReturn(aResponse().withStatus(401)));
    }

    void trades(String json) {
        server.stubFor(get(urlEqualTo(API + "/iserver/account/trades")).willReturn(okJson(json)));
    }

    /** The live orders, given as the elements of the {@code orders} array. */
    void orders(String elements) {
        server.stubFor(get(urlEqualTo(API + "/iserver/account/orders")).willReturn(okJson(
                "{\"filters\":[],\"orders\":[" + elements + "],\"snapshot\":true}")));
    }

    void positions(String json) {
        server.stubFor(get(urlEqualTo(API + "/portfolio/" + ACCOUNT + "/positions/0")).willReturn(okJson(json)));
    }

    /** Placing answers with a confirmation question; the reply places the order as {@code ibkrOrderId}. */
    void placeWithQuestion(String replyId, String ibkrOrderId) {
        server.stubFor(post(urlEqualTo(API + "/iserver/account/" + ACCOUNT + "/orders")).willReturn(okJson(
                "[{\"id\":\"" + replyId + "\",\"message\":[\"You are submitting an order without market data. We "
                        + "strongly recommend against this as it may result in erroneous and unexpected trades.\"],"
                        + "\"isSuppressed\":false,\"messageIds\":[\"o354\"]}]")));
        server.stubFor(post(urlEqualTo(API + "/iserver/reply/" + replyId)).willReturn(okJson(placed(ibkrOrderId))));
    }

    void place(String ibkrOrderId) {
        server.stubFor(post(urlEqualTo(API + "/iserver/account/" + ACCOUNT + "/orders"))
                .willReturn(okJson(placed(ibkrOrderId))));
    }

    void placeRejected(String error) {
        server.stubFor(post(urlEqualTo(API + "/iserver/account/" + ACCOUNT + "/orders"))
                .willReturn(okJson("{\"error\":\"" + error + "\"}")));
    }

    void modify(String ibkrOrderId) {
        server.stubFor(post(urlEqualTo(API + "/iserver/account/" + ACCOUNT + "/order/" + ibkrOrderId))
                .willReturn(okJson(placed(ibkrOrderId))));
    }

    /** DELETE answers "Request was submitted": the cancel is not confirmed yet. */
    void cancelSubmitted(String ibkrOrderId) {
        server.stubFor(delete(urlEqualTo(API + "/iserver/account/" + ACCOUNT + "/order/" + ibkrOrderId))
                .willReturn(okJson("{\"msg\":\"Request was submitted\",\"order_id\":" + ibkrOrderId
                        + ",\"conid\":265598,\"account\":\"" + ACCOUNT + "\"}")));
    }

    static String placed(String ibkrOrderId) {
        return "[{\"order_id\":\"" + ibkrOrderId + "\",\"order_status\":\"Submitted\",\"encrypt_message\":\"1\"}]";
    }

    /** One live order (the fields of /iserver/account/orders). */
    static String liveOrder(String ibkrOrderId, String ref, String side, String status, long filled, long remaining) {
        return "{\"acct\":\"" + ACCOUNT + "\",\"conidex\":\"265598\",\"conid\":265598,\"orderId\":" + ibkrOrderId
                + ",\"cashCcy\":\"USD\",\"sizeAndFills\":\"" + filled + "/" + (filled + remaining) + "\","
                + "\"orderDesc\":\"" + side + " " + (filled + remaining)
                + " Limit 190.00 GTC\",\"description1\":\"AAPL\","
                + "\"ticker\":\"AAPL\",\"secType\":\"STK\",\"listingExchange\":\"NASDAQ.NMS\",\"remainingQuantity\":"
                + remaining + ".0,\"filledQuantity\":" + filled + ".0,\"totalSize\":" + (filled + remaining) + ".0,"
                + "\"companyName\":\"APPLE INC\",\"status\":\"" + status + "\",\"origOrderType\":\"LIMIT\","
                + "\"supportsTaxOpt\":\"1\",\"lastExecutionTime\":\"241201143000\",\"orderType\":\"Limit\","
                + "\"order_ref\":" + (ref == null ? "null" : "\"" + ref + "\"") + ",\"side\":\"" + side + "\","
                + "\"timeInForce\":\"GTC\",\"price\":190.00,\"lastExecutionTime_r\":1733063400000}";
    }

    /** One execution (the fields of /iserver/account/trades). */
    static String trade(String executionId, String ref, String side, long size, String price) {
        return trade(executionId, ref, side, size, price, 1733063405000L);
    }

    static String trade(String executionId, String ref, String side, long size, String price, long timeMillis) {
        return "{\"execution_id\":\"" + executionId + "\",\"symbol\":\"AAPL\",\"supports_tax_opt\":\"1\",\"side\":\""
                + side + "\",\"order_description\":\"Bought " + size + " @ " + price + " on ISLAND\","
                + "\"trade_time\":\"20241201-14:30:05\",\"trade_time_r\":" + timeMillis + ",\"size\":" + size + ","
                + "\"price\":\"" + price + "\",\"order_ref\":\"" + ref + "\",\"submitter\":\"user1234\","
                + "\"exchange\":\"ISLAND\",\"commission\":\"1.00\",\"net_amount\":" + size + ",\"account\":\""
                + ACCOUNT + "\",\"accountCode\":\"" + ACCOUNT + "\",\"company_name\":\"APPLE INC\","
                + "\"contract_description_1\":\"AAPL\",\"sec_type\":\"STK\",\"listing_exchange\":\"NASDAQ.NMS\","
                + "\"conid\":\"265598\",\"conidex\":\"265598\",\"clearing_id\":\"IB\",\"clearing_name\":\"IB\","
                + "\"liquidation_trade\":\"0\"}";
    }

    @Override
    public void close() {
        server.stop();
    }
}
