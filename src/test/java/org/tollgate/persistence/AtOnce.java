package org.tollgate.persistence;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.tollgate.token.control.OAuthException;

/** Runs one action on several threads released together, and counts what each of them saw. */
final class AtOnce {

    private AtOnce() {
    }

    /**
     * @param action returns its outcome when it succeeds
     * @return each outcome with how many threads saw it: the action's own, an OAuth error's code, or the class
     *     of anything else thrown
     */
    static Map<String, Integer> outcomes(int threads, Callable<String> action) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CyclicBarrier together = new CyclicBarrier(threads);
            List<Future<String>> outcomes = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                outcomes.add(pool.submit(() -> {
                    together.await();
                    try {
                        return action.call();
                    } catch (OAuthException e) {
                        return e.error().code();
                    } catch (RuntimeException e) {
                        return e.getClass().getName();
                    }
                }));
            }
            Map<String, Integer> seen = new TreeMap<>();
            for (Future<String> outcome : outcomes) {
                seen.merge(outcome.get(), 1, Integer::sum);
            }
            return seen;
        } finally {
            pool.shutdownNow();
        }
    }
}
