package de.mitzeichnen.web;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.Map;
import ognl.ObjectPropertyAccessor;
import ognl.OgnlException;
import ognl.OgnlRuntime;

/**
 * Reads record components in templates ({@code ${l.path}}) through their accessors, found once per
 * record class. OGNL 3.3 finds no JavaBean getter on a record and then searches all its methods by
 * lower-cased name on every evaluation, uncached: that search was about half of the appeal page's
 * render time (JFR, Dec 2026).
 */
final class RecordPropertyAccessor extends ObjectPropertyAccessor {

    private static final ClassValue<Map<String, Method>> ACCESSORS =
            new ClassValue<>() {
                @Override
                protected Map<String, Method> computeValue(Class<?> type) {
                    Map<String, Method> byName = new HashMap<>();
                    if (type.isRecord()) {
                        for (RecordComponent c : type.getRecordComponents()) {
                            Method accessor = c.getAccessor();
                            if (accessor.trySetAccessible()) {
                                byName.put(c.getName(), accessor);
                            }
                        }
                    }
                    return Map.copyOf(byName);
                }
            };

    /**
     * Makes OGNL use this accessor for every record (it looks handlers up along the superclasses).
     */
    static void install() {
        OgnlRuntime.setPropertyAccessor(Record.class, new RecordPropertyAccessor());
    }

    @Override
    @SuppressWarnings("rawtypes")
    public Object getProperty(Map context, Object target, Object name) throws OgnlException {
        if (target != null && name instanceof String property) {
            Method accessor = ACCESSORS.get(target.getClass()).get(property);
            if (accessor != null) {
                try {
                    return accessor.invoke(target);
                } catch (IllegalAccessException e) {
                    throw new OgnlException(property, e);
                } catch (InvocationTargetException e) {
                    throw new OgnlException(property, e.getCause());
                }
            }
        }
        return super.getProperty(context, target, name);
    }
}
