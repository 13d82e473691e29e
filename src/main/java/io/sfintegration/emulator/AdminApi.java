package io.sfintegration.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The emulator's own admin API under /__emulator/ (not Salesforce's, not counted, no token): fault injection,
 * call counters, tokens for any user, API usage, background activity of a busy org, reset. Tests and benchmarks drive the emulator through it.
 */
final class AdminApi {

    private final SalesforceEmulator emulator;

    AdminApi(SalesforceEmulator emulator) {
        this.emulator = emulator;
    }

    Reply handle(String method, String path, JsonNode body) {
        String p = path.replaceAll("/+$", "");
        try {
            switch (method + " " + p) {
                case "PUT /__emulator/faults" -> {
                    EmulatorFaults f = emulator.faults();
                    f.clear();
                    f.latency(body.path("latencyMs").asLong(0), body.path("latencyJitterMs").asLong(0));
                    body.path("errorRates").fields().forEachRemaining(e -> f.errorRate(e.getKey(), e.getValue().asDouble()));
                    if (body.has("latencySpike")) {
                        f.latencySpike(body.path("latencySpike").path("probability").asDouble(), body.path("latencySpike").path("ms").asLong());
                    }
                    return Reply.noContent();
                }
                case "DELETE /__emulator/faults" -> {
                    emulator.faults().clear();
                    return Reply.noContent();
                }
                case "POST /__emulator/faults/fail-next" -> {
                    emulator.faults().failNext(body.path("count").asInt(1), body.path("errorCode").asText(EmulatorFaults.SERVER_UNAVAILABLE),
                            body.path("path").asText(""));
                    return Reply.noContent();
                }
                case "GET /__emulator/counters" -> {
                    return Reply.of(200, Reply.JSON.valueToTree(emulator.counters().snapshot()));
                }
                case "POST /__emulator/counters/reset" -> {
                    emulator.counters().reset();
                    return Reply.noContent();
                }
                case "POST /__emulator/tokens" -> {
                    String username = body.path("username").asText(emulator.adminUsername());
                    return emulator.tokenReply(username);
                }
                case "POST /__emulator/tokens/expire-all" -> {
                    emulator.expireAllTokens();
                    return Reply.noContent();
                }
                case "POST /__emulator/reset" -> {
                    emulator.reset();
                    return Reply.noContent();
                }
                case "PUT /__emulator/api-usage" -> {
                    emulator.counters().setUsage(body.path("used").asLong(), body.path("max").asLong(emulator.counters().dailyMax()));
                    return Reply.noContent();
                }
                case "PUT /__emulator/activity" -> {
                    emulator.activity().set(new OrgActivity.Rates(body.path("loginsPerMinute").asDouble(0),
                            body.path("userEditsPerMinute").asDouble(0), body.path("setupChangesPerMinute").asDouble(0)));
                    return Reply.noContent();
                }
                case "DELETE /__emulator/activity" -> {
                    emulator.activity().set(OrgActivity.Rates.QUIET);
                    return Reply.noContent();
                }
                case "GET /__emulator/activity" -> {
                    ObjectNode out = Reply.JSON.createObjectNode();
                    out.set("rates", Reply.JSON.valueToTree(emulator.activity().rates()));
                    out.set("counts", Reply.JSON.valueToTree(emulator.activity().counts()));
                    return Reply.of(200, out);
                }
                case "GET /__emulator/org" -> {
                    ObjectNode out = Reply.JSON.createObjectNode();
                    out.put("orgId", emulator.orgId());
                    out.put("adminUsername", emulator.adminUsername());
                    out.put("baseUrl", emulator.baseUrl());
                    return Reply.of(200, out);
                }
                default -> {
                    return Reply.error(404, "NOT_FOUND", "no such emulator admin resource: " + method + " " + p, null);
                }
            }
        } catch (RuntimeException e) {
            return Reply.error(400, "INVALID_INPUT", String.valueOf(e.getMessage()), null);
        }
    }
}
