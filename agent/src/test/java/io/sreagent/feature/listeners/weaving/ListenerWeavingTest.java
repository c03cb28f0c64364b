package io.sreagent.feature.listeners.weaving;

import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.description.type.TypeDescription;
import org.junit.jupiter.api.Test;

import java.beans.PropertyChangeSupport;
import java.util.Observable;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ListenerWeavingTest {

    interface OrderListener {
    }

    @SuppressWarnings("unused")
    abstract static class Holder {
        public void addOrderListener(OrderListener l) {
        }

        public void removeOrderListener(OrderListener l) {
        }

        public void addListener(String topic, Object l) {
        }

        public void register(OrderListener l) {
        }

        public void unregister(OrderListener l) {
        }

        public void register(String name) {
        }

        public void addListener() {
        }

        public abstract void addAbstractListener(OrderListener l);

        public void addOrder(Object order) {
        }
    }

    private static Set<String> matching(Class<?> type, boolean adds) {
        Set<String> out = new TreeSet<>();
        for (MethodDescription.InDefinedShape m : TypeDescription.ForLoadedType.of(type).getDeclaredMethods()) {
            if ((adds ? ListenerWeaving.adds() : ListenerWeaving.removes()).matches(m)) {
                out.add(m.getName() + m.getParameters().asTypeList().asErasures().stream().map(TypeDescription::getSimpleName).toList());
            }
        }
        return out;
    }

    @Test
    void registrationMethodsAreMatchedByNameAndListenerTypedArgument() {
        assertEquals(Set.of("addOrderListener[OrderListener]", "addListener[String, Object]", "register[OrderListener]"),
                matching(Holder.class, true));
        assertEquals(Set.of("removeOrderListener[OrderListener]", "unregister[OrderListener]"), matching(Holder.class, false));
        assertEquals(Set.of("addObserver[Observer]"), matching(Observable.class, true));
        assertEquals(Set.of("deleteObserver[Observer]"), matching(Observable.class, false));
        assertTrue(matching(PropertyChangeSupport.class, true).contains("addPropertyChangeListener[String, PropertyChangeListener]"));
    }

    @Test
    void onlyApplicationClassesAndTheJdkHoldersAreWoven() {
        ListenerWeaving weaving = new ListenerWeaving(name -> name.startsWith("io.sreagent.feature.listeners.weaving."));
        assertTrue(weaving.types().matches(TypeDescription.ForLoadedType.of(Holder.class)));
        assertTrue(weaving.types().matches(TypeDescription.ForLoadedType.of(PropertyChangeSupport.class)));
        assertTrue(weaving.types().matches(TypeDescription.ForLoadedType.of(Observable.class)));
        assertFalse(weaving.types().matches(TypeDescription.ForLoadedType.of(java.awt.Component.class)), "a JDK class outside the list");
        assertFalse(weaving.types().matches(TypeDescription.ForLoadedType.of(ListenerWeavingTest.class)), "no registration method");
    }
}
