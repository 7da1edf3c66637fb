import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fallback load generator for bench/search.sh when wrk is not installed: sends requests at a fixed
 * rate (open loop, latency counted from the planned send time) and prints p50/p99 and the achieved
 * rate. Usage: java bench/SearchLoad.java BASE_URL RATE_PER_SECOND SECONDS
 */
public class SearchLoad {
    static final String[] QUERIES = {
        "Frankfurt",
        "muenchen",
        "M%C3%BCnchen",
        "munchen",
        "Berlin",
        "Ham",
        "K%C3%B6ln",
        "Stutt",
        "Neustadt",
        "Bad",
        "sankt%20ingbert",
        "60311",
        "09162000",
        "0916",
        "Halle",
        "Z%C3%BCrich",
        "brem",
        "dresd",
        "leip",
        "M%C3%BCl",
        "oder",
        "berg",
        "L%C3%BCb",
        "Essen",
        "dort",
        "frankfurt%20main",
        "Gro%C3%9F",
        "Wei",
        "hof",
        "Ulm"
    };

    public static void main(String[] args) throws Exception {
        String base = args[0];
        int rate = Integer.parseInt(args[1]);
        int seconds = Integer.parseInt(args[2]);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ExecutorService pool = Executors.newFixedThreadPool(64);
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        AtomicInteger failures = new AtomicInteger();
        long start = System.nanoTime();
        long interval = 1_000_000_000L / rate;
        int total = rate * seconds;
        for (int i = 0; i < total; i++) {
            long planned = start + i * interval;
            long wait = planned - System.nanoTime();
            if (wait > 0) {
                TimeUnit.NANOSECONDS.sleep(wait);
            }
            String q = QUERIES[i % QUERIES.length];
            pool.execute(
                    () -> {
                        try {
                            HttpResponse<String> r =
                                    client.send(
                                            HttpRequest.newBuilder(
                                                            URI.create(
                                                                    base
                                                                            + "/api/v1/municipalities?q="
                                                                            + q
                                                                            + "&limit=10"))
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString());
                            if (r.statusCode() != 200) {
                                failures.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                        latencies.add(System.nanoTime() - planned);
                    });
        }
        pool.shutdown();
        pool.awaitTermination(60, TimeUnit.SECONDS);
        double elapsed = (System.nanoTime() - start) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        System.out.printf(
                "requests %d, failures %d, %.1f req/s%n",
                sorted.size(), failures.get(), sorted.size() / elapsed);
        System.out.printf(
                "p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                pct(sorted, 0.50), pct(sorted, 0.99), sorted.get(sorted.size() - 1) / 1e6);
    }

    static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1))
                / 1e6;
    }
}
