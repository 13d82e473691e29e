package io.sfintegration.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import net.thisptr.jackson.jq.BuiltinFunctionLoader;
import net.thisptr.jackson.jq.JsonQuery;
import net.thisptr.jackson.jq.Scope;
import net.thisptr.jackson.jq.Versions;
import net.thisptr.jackson.jq.exception.JsonQueryException;

import java.util.ArrayList;
import java.util.List;

/**
 * Applies {@code jqPathExpressions} the way Argo CD's diff normalizer does: each expression is wrapped in
 * {@code del(...)} and run on the object, live and desired alike, before the two are compared.
 */
final class ArgoDiffNormalizer {

    private final Scope root = Scope.newEmptyScope();
    private final List<JsonQuery> deletions = new ArrayList<>();

    ArgoDiffNormalizer(List<String> jqPathExpressions) {
        BuiltinFunctionLoader.getInstance().loadFunctions(Versions.JQ_1_6, root);
        for (String expression : jqPathExpressions) {
            try {
                deletions.add(JsonQuery.compile("del(" + expression + ")", Versions.JQ_1_6));
            } catch (JsonQueryException e) {
                throw new IllegalArgumentException("not a jq expression: " + expression, e);
            }
        }
    }

    JsonNode normalize(JsonNode resource) {
        JsonNode current = resource.deepCopy();
        for (JsonQuery deletion : deletions) {
            List<JsonNode> out = new ArrayList<>();
            try {
                deletion.apply(Scope.newChildScope(root), current, out::add);
            } catch (JsonQueryException e) {
                throw new IllegalStateException(e);
            }
            if (out.size() != 1) {
                throw new IllegalStateException("del(...) gave " + out.size() + " results");
            }
            current = out.get(0);
        }
        return current;
    }
}
