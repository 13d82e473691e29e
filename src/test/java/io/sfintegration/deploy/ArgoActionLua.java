package io.sfintegration.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.jse.JsePlatform;

import java.util.Map;
import java.util.TreeMap;

/**
 * Runs Argo CD resource action scripts with LuaJ the way Argo CD does: the resource as the global {@code obj}, and
 * only the libraries Argo CD opens (base, table, string, math, and of os only date and time).
 */
final class ArgoActionLua {

    private ArgoActionLua() {
    }

    /** Action name to "enabled" (Argo CD greys out an action whose discovery entry says disabled). */
    static Map<String, Boolean> discover(String script, JsonNode resource) {
        LuaValue result = run(script, "discovery.lua", resource);
        Map<String, Boolean> out = new TreeMap<>();
        LuaValue key = LuaValue.NIL;
        while (true) {
            Varargs next = result.next(key);
            key = next.arg1();
            if (key.isnil()) {
                return out;
            }
            out.put(key.tojstring(), !next.arg(2).get("disabled").optboolean(false));
        }
    }

    static JsonNode act(String script, JsonNode resource) {
        return fromLua(run(script, "action.lua", resource));
    }

    private static LuaValue run(String script, String name, JsonNode resource) {
        Globals globals = JsePlatform.standardGlobals();
        for (String unsafe : new String[] {"io", "luajava", "package", "require", "dofile", "loadfile", "debug"}) {
            globals.set(unsafe, LuaValue.NIL);
        }
        LuaValue os = globals.get("os");
        LuaTable safeOs = new LuaTable();
        safeOs.set("date", os.get("date"));
        safeOs.set("time", os.get("time"));
        globals.set("os", safeOs);
        globals.set("obj", ArgoHealthLua.toLua(resource));
        return globals.load(script, name).call();
    }

    /** Back to JSON as Argo CD does: a table with keys 1..n is an array, any other table an object. */
    static JsonNode fromLua(LuaValue value) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        if (value.isnil()) {
            return json.nullNode();
        }
        if (value.isboolean()) {
            return json.booleanNode(value.toboolean());
        }
        if (value.type() == LuaValue.TNUMBER) {
            double d = value.todouble();
            return d == Math.rint(d) ? json.numberNode((long) d) : json.numberNode(d);
        }
        if (value.istable()) {
            LuaTable table = value.checktable();
            int length = table.length();
            if (length > 0 && length == table.keyCount()) {
                var array = json.arrayNode();
                for (int i = 1; i <= length; i++) {
                    array.add(fromLua(table.get(i)));
                }
                return array;
            }
            ObjectNode object = json.objectNode();
            for (LuaValue key : table.keys()) {
                object.set(key.tojstring(), fromLua(table.get(key)));
            }
            return object;
        }
        return json.textNode(value.tojstring());
    }
}
