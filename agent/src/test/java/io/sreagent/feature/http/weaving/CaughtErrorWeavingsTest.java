package io.sreagent.feature.http.weaving;

import io.sreagent.bootstrap.HookCarriers;
import io.sreagent.bootstrap.HttpHooks;
import io.sreagent.bootstrap.InboundRequest;
import io.sreagent.weave.Weaving;
import jakarta.servlet.http.HttpServletResponse;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.modifier.Visibility;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.loading.ByteArrayClassLoader;
import net.bytebuddy.implementation.FixedValue;
import net.bytebuddy.implementation.StubMethod;
import net.bytebuddy.pool.TypePool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static net.bytebuddy.matcher.ElementMatchers.named;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The weavings that see an exception the application or its framework answers for, and a 5xx status set by
 * hand, applied for real to classes made here: Spring and JAX-RS are not on the class path, and the weavings
 * match their interfaces by name, so an interface of that name made on the spot stands for the framework's.
 */
class CaughtErrorWeavingsTest {
    /** Per request handed over: the caught exception, the status site. */
    private final List<Object> seen = new ArrayList<>();

    private final HttpHooks.Receiver receiver = new HookCarriers.QuietReceiver() {
        @Override
        public void inbound(InboundRequest request) {
            seen.add(request.handled());
            seen.add(request.statusSite());
        }

        @Override
        public Object statusSite(String responseClass) {
            return "set in " + responseClass;
        }
    };

    @BeforeEach
    void install() {
        HttpHooks.install(receiver);
    }

    @AfterEach
    void uninstall() {
        HttpHooks.uninstall();
    }

    /** Runs {@code body} as one request of the given status, the way the servlet advice brackets a request. */
    private static void request(int status, ThrowingRunnable body) throws Exception {
        long start = HttpHooks.inboundEnter();
        try {
            body.run();
        } finally {
            HttpHooks.inboundRecord(HttpHooks.inboundLeave(start), "servlet", "GET", "/x", null, status, null, false, true);
        }
    }

    interface ThrowingRunnable {
        void run() throws Exception;
    }

    /** Weaves {@code type} with {@code weaving} and loads it with {@code others} (its interfaces); fails when the weaving does not match it. */
    private static Class<?> weave(Weaving weaving, DynamicType.Unloaded<?> type, DynamicType.Unloaded<?>... others)
            throws Exception {
        Map<String, byte[]> bytes = new HashMap<>();
        for (DynamicType.Unloaded<?> other : others) {
            bytes.put(other.getTypeDescription().getName(), other.getBytes());
        }
        bytes.put(type.getTypeDescription().getName(), type.getBytes());
        ClassLoader parent = CaughtErrorWeavingsTest.class.getClassLoader();
        ClassFileLocator locator = new ClassFileLocator.Compound(new ClassFileLocator.Simple(bytes),
                ClassFileLocator.ForClassLoader.of(parent));
        TypeDescription description = TypePool.Default.of(locator).describe(type.getTypeDescription().getName()).resolve();
        assertTrue(weaving.types().matches(description), weaving.name() + " matches " + description);
        Map<String, byte[]> interfaces = new HashMap<>(bytes);
        interfaces.remove(description.getName());
        ClassLoader loader = new ByteArrayClassLoader(parent, interfaces);
        byte[] woven = weaving.transformer().transform(new ByteBuddy().redefine(description, locator), description, loader,
                null, null).make().getBytes();
        return new ByteArrayClassLoader(loader, Map.of(description.getName(), woven)).loadClass(description.getName());
    }

    @Test
    void springsExceptionResolversHandOverTheExceptionTheyResolve() throws Exception {
        DynamicType.Unloaded<?> resolverInterface = new ByteBuddy().makeInterface()
                .name("org.springframework.web.servlet.HandlerExceptionResolver")
                .defineMethod("resolveException", Object.class, Visibility.PUBLIC)
                .withParameters(Object.class, Object.class, Object.class, Exception.class).withoutCode().make();
        DynamicType.Unloaded<?> resolver = new ByteBuddy().subclass(Object.class)
                .implement(resolverInterface.getTypeDescription()).name("com.example.fixture.ErrorResolver")
                .method(named("resolveException")).intercept(FixedValue.nullValue()).make();
        Class<?> woven = weave(new HandlerExceptionResolverWeaving(), resolver, resolverInterface);
        Object instance = woven.getDeclaredConstructor().newInstance();
        IllegalStateException boom = new IllegalStateException();

        request(500, () -> woven.getMethod("resolveException", Object.class, Object.class, Object.class, Exception.class)
                .invoke(instance, null, null, null, boom));
        assertEquals(Arrays.asList(boom, null), seen);
    }

    @Test
    void jaxRsExceptionMappersHandOverTheExceptionTheyMap() throws Exception {
        for (String namespace : List.of("jakarta", "javax")) {
            seen.clear();
            DynamicType.Unloaded<?> mapperInterface = new ByteBuddy().makeInterface()
                    .name(namespace + ".ws.rs.ext.ExceptionMapper")
                    .defineMethod("toResponse", Object.class, Visibility.PUBLIC).withParameters(Throwable.class)
                    .withoutCode().make();
            DynamicType.Unloaded<?> mapper = new ByteBuddy().subclass(Object.class)
                    .implement(mapperInterface.getTypeDescription()).name("com.example.fixture.Mapper" + namespace)
                    .method(named("toResponse")).intercept(FixedValue.nullValue()).make();
            Class<?> woven = weave(new ExceptionMapperWeaving(), mapper, mapperInterface);
            Object instance = woven.getDeclaredConstructor().newInstance();
            IllegalArgumentException boom = new IllegalArgumentException();

            request(500, () -> woven.getMethod("toResponse", Throwable.class).invoke(instance, boom));
            assertEquals(Arrays.asList(boom, null), seen, namespace);
        }
    }

    @Test
    void aServletResponseSetTo5xxAsksForItsSiteOnceAndHealthyStatusesNever() throws Exception {
        DynamicType.Unloaded<?> response = new ByteBuddy().subclass(Object.class).implement(HttpServletResponse.class)
                .name("com.example.fixture.Response")
                .method(named("sendError").or(named("setStatus"))).intercept(StubMethod.INSTANCE).make();
        Class<?> woven = weave(new ResponseStatusWeaving(), response);
        HttpServletResponse instance = (HttpServletResponse) woven.getDeclaredConstructor().newInstance();

        request(200, () -> instance.setStatus(200));
        request(404, () -> instance.sendError(404, "no such order"));
        request(503, () -> {
            instance.sendError(503);
            instance.setStatus(500);
        });
        assertEquals(Arrays.asList(null, null, null, null, null, "set in com.example.fixture.Response"), seen);
        assertFalse(new ResponseStatusWeaving().types().matches(TypeDescription.ForLoadedType.of(HttpServletResponse.class)),
                "interfaces are not woven");
    }
}
