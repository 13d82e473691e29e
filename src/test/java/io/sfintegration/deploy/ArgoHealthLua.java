package io.sfintegration.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JsePlatform;

import java.util.Iterator;
import java.util.Map;

/** Runs an Argo CD health script the way Argo CD does: the resource as the global {@code obj}, a table back. */
final class ArgoHealthLua {

    record Health(String status, String message) {
    }

    private final String script;

    ArgoHealthLua(String script) {
        this.script = script;
    }

    Health evaluate(JsonNode resource) {
        Globals globals = JsePlatform.standardGlobals();
        globals.set("obj", toLua(resource));
        LuaValue result = globals.load(script, "health.lua").call();
        return new Health(result.get("status").optjstring(null), result.get("message").optjstring(null));
    }

    /** Argo CD decodes JSON into Lua: objects and arrays become tables (arrays 1-based), numbers become floats. */
    static LuaValue toLua(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return LuaValue.NIL;
        }
        if (node.isObject()) {
            LuaTable table = new LuaTable();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var field = it.next();
                table.set(field.getKey(), toLua(field.getValue()));
            }
            return table;
        }
        if (node.isArray()) {
            LuaTable table = new LuaTable();
            for (int i = 0; i < node.size(); i++) {
                table.set(i + 1, toLua(node.get(i)));
            }
            return table;
        }
        if (node.isBoolean()) {
            return LuaValue.valueOf(node.booleanValue());
        }
        if (node.isNumber()) {
            return LuaValue.valueOf(node.doubleValue());
        }
        return LuaValue.valueOf(node.asText());
    }
}
