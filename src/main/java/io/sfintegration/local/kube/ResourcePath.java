package io.sfintegration.local.kube;

import java.util.List;
import java.util.Optional;

/**
 * A request path split as the API server routes it: {@code /api/v1/...} or {@code /apis/<group>/<version>/...},
 * then {@code [namespaces/<ns>/]<plural>[/<name>[/<subresource>]]}. The query string is dropped.
 */
record ResourcePath(String group, String version, String namespace, String plural, String name, String subresource) {

  static Optional<ResourcePath> parse(String path) {
    int query = path.indexOf('?');
    String bare = query < 0 ? path : path.substring(0, query);
    List<String> s = List.of(bare.replaceAll("^/+|/+$", "").split("/"));
    String group;
    String version;
    List<String> rest;
    if (s.size() >= 3 && s.get(0).equals("api")) {
      group = "";
      version = s.get(1);
      rest = s.subList(2, s.size());
    } else if (s.size() >= 4 && s.get(0).equals("apis")) {
      group = s.get(1);
      version = s.get(2);
      rest = s.subList(3, s.size());
    } else {
      return Optional.empty();
    }
    String namespace = null;
    boolean namespaceSubresource = rest.size() == 3 && List.of("status", "finalize").contains(rest.get(2));
    if (rest.get(0).equals("namespaces") && rest.size() >= 3 && !namespaceSubresource) {
      namespace = rest.get(1);
      rest = rest.subList(2, rest.size());
    }
    if (rest.size() > 3) {
      return Optional.empty();
    }
    return Optional.of(new ResourcePath(group, version, namespace, rest.get(0), rest.size() > 1 ? rest.get(1) : null,
        rest.size() > 2 ? rest.get(2) : null));
  }

  /** The path of the object itself (no subresource, no query). */
  String objectPath() {
    StringBuilder b = new StringBuilder(group.isEmpty() ? "/api/" + version : "/apis/" + group + "/" + version);
    if (namespace != null) {
      b.append("/namespaces/").append(namespace);
    }
    b.append('/').append(plural);
    if (name != null) {
      b.append('/').append(name);
    }
    return b.toString();
  }

  boolean isStatus() {
    return "status".equals(subresource);
  }
}
