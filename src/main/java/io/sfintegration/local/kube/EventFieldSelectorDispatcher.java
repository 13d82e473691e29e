package io.sfintegration.local.kube;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Applies field selectors to event lists, which the mock ignores for fields such as {@code involvedObject.uid}:
 * {@code kubectl describe} lists a resource's events with exactly such a selector and would show none. Also names the
 * list's kind, which the typed client that describe uses needs to decode it.
 */
final class EventFieldSelectorDispatcher extends Dispatcher {

  private static final Pattern EVENT_LIST = Pattern.compile("^/api/v1/(?:namespaces/[^/]+/)?events\\?.*");

  private final Dispatcher delegate;

  EventFieldSelectorDispatcher(Dispatcher delegate) {
    this.delegate = delegate;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String path = request.getPath();
    if (!"GET".equalsIgnoreCase(request.getMethod()) || !EVENT_LIST.matcher(path).matches()
        || !path.contains("fieldSelector=") || path.contains("watch=")) {
      return delegate.dispatch(request);
    }
    String base = path.substring(0, path.indexOf('?'));
    List<String> kept = new ArrayList<>();
    List<String[]> requirements = new ArrayList<>();
    for (String param : path.substring(path.indexOf('?') + 1).split("&")) {
      if (param.startsWith("fieldSelector=")) {
        String selector = URLDecoder.decode(param.substring("fieldSelector=".length()), StandardCharsets.UTF_8);
        for (String term : selector.split(",")) {
          String[] parts = term.split("!=|==|=", 2);
          if (parts.length == 2) {
            requirements.add(new String[] {parts[0].trim(), parts[1].trim(), term.contains("!=") ? "!=" : "="});
          }
        }
      } else {
        kept.add(param);
      }
    }
    String unfiltered = kept.isEmpty() ? base : base + "?" + String.join("&", kept);
    MockResponse response = delegate.dispatch(
        new RecordedRequest(request.getHttpVersion(), request.method(), unfiltered, request.getHeaders(),
            request.getBody()));
    if (response.code() != 200 || response.getBody() == null) {
      return response;
    }
    try {
      ObjectNode list = (ObjectNode) Serialization.jsonMapper().readTree(response.getBody().getBytes());
      // The mock calls every list "List"; kubectl's typed client only decodes an EventList.
      list.put("kind", "EventList");
      list.put("apiVersion", "v1");
      ArrayNode items = list.putArray("items");
      JsonNode original = Serialization.jsonMapper().readTree(response.getBody().getBytes()).path("items");
      for (JsonNode item : original) {
        if (requirements.stream().allMatch(r -> matches(item, r))) {
          items.add(item);
        }
      }
      return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
          .setBody(Serialization.asJson(list));
    } catch (Exception e) {
      return response;
    }
  }

  private static boolean matches(JsonNode item, String[] requirement) {
    JsonNode field = item;
    for (String name : requirement[0].split("\\.")) {
      field = field.path(name);
    }
    String value = field.isValueNode() ? field.asText() : "";
    return "=".equals(requirement[2]) == value.equals(requirement[1]);
  }

  @Override
  public void shutdown() {
    delegate.shutdown();
  }
}
