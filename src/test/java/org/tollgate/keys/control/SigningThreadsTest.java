package org.tollgate.keys.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.util.Base64URL;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SigningThreadsTest {

    private static final int CORES = Runtime.getRuntime().availableProcessors();

    @Test
    void whenManyAskAtOnceThenEachGetsItsOwnSignatureAndNoMoreAreComputedAtOnceThanCores() throws Exception {
        Set<String> signingThreads = ConcurrentHashMap.newKeySet();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger mostInFlight = new AtomicInteger();
        CountDownLatch allCoresBusy = new CountDownLatch(CORES);
        int callers = 4 * CORES + 1;
        ExecutorService requests = Executors.newFixedThreadPool(callers);
        try (SigningThreads threads = SigningThreads.perCore()) {
            List<Future<Base64URL>> signatures = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                String payload = "token " + i;
                signatures.add(requests.submit(() -> threads.sign(() -> {
                    signingThreads.add(Thread.currentThread().getName());
                    mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
                    awaitAll(allCoresBusy); // the first ones wait until every core signs; if fewer can, this fails
                    inFlight.decrementAndGet();
                    return Base64URL.encode(payload);
                })));
            }
            for (int i = 0; i < callers; i++) {
                assertEquals("token " + i, signatures.get(i).get().decodeToString());
            }
        } finally {
            requests.shutdownNow();
        }
        assertEquals(CORES, mostInFlight.get());
        assertEquals(CORES, signingThreads.size());
        assertTrue(signingThreads.stream().allMatch(name -> name.startsWith("tollgate-signing-")),
                signingThreads::toString);
    }

    private static void awaitAll(CountDownLatch latch) {
        latch.countDown();
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "fewer signatures at once than cores");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void whenClosedThenNoSigningThreadIsLeft() {
        SigningThreads threads = SigningThreads.perCore();
        threads.sign(() -> Base64URL.encode("warm"));

        threads.close();

        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().startsWith("tollgate-signing-")));
    }

    @Test
    void whenTheCallerSignsThenItIsTheCallingThread() {
        String caller = Thread.currentThread().getName();

        Base64URL signature = SigningThreads.CALLER.sign(() -> Base64URL.encode(Thread.currentThread().getName()));

        assertEquals(caller, signature.decodeToString());
    }

    @Test
    void whenASignatureFailsThenTheCallerIsTold() {
        try (SigningThreads threads = SigningThreads.perCore()) {
            for (SigningThreads where : List.of(threads, SigningThreads.CALLER)) {
                IllegalStateException failure = assertThrows(IllegalStateException.class,
                        () -> where.sign(() -> {
                            throw new JOSEException("no key");
                        }));
                assertEquals("Signing failed", failure.getMessage());
                assertInstanceOf(JOSEException.class, failure.getCause());
            }
        }
    }
}
