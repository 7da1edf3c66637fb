import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load generator for flows that need state (bench/run.sh), run as a second process: {@code java
 * bench/Load.java}. It speaks HTTP/1.1 over one kept-alive socket per connection, as wrk does: the
 * JDK's HttpClient spent more CPU than the server it measured on this 2-core machine.
 *
 * <pre>
 *   sign    BASE SLUG CONNECTIONS SECONDS [RATE]  each connection: GET the appeal page as a browser
 *                                                 would, POST the sign form (a new address each
 *                                                 time); closed loop, or with RATE an open loop of
 *                                                 that many submissions/s in all (latency from the
 *                                                 planned start, so a stalled server shows its queue)
 *   confirm BASE LINKS CONNECTIONS SECONDS        each connection takes the next confirmation link (a
 *                                                 file, one path /bestaetigen/TOKEN per line): GET
 *                                                 it, POST its form; until the links or the time run
 *                                                 out
 * </pre>
 *
 * Prints one line: {@code ok=N errors=N http_5xx=N 5xx_other_than_503_with_retry_after=N seconds=S
 * rate=R p50_ms=X p99_ms=Y} and, when there were errors, what they were ({@code error_kinds=...},
 * e.g. {@code sign-503}; a 503 without Retry-After counts as {@code sign-503-without-retry-after}).
 */
public class Load {

    static final Pattern CSRF =
            Pattern.compile(
                    "name=\"csrfToken\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"csrfToken\"");

    static final List<Long> latencies = Collections.synchronizedList(new ArrayList<>());
    static final AtomicInteger ok = new AtomicInteger();
    static final AtomicInteger errors = new AtomicInteger();
    static final Map<String, AtomicInteger> errorKinds = new ConcurrentHashMap<>();

    /**
     * With LOAD_SUBMITTED=FILE: "address epoch-ms" of every stored submission, for the mail p99.
     */
    static final String SUBMITTED = System.getenv("LOAD_SUBMITTED");

    static final Queue<String> submitted = new ConcurrentLinkedQueue<>();

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        URI base = URI.create(args[1].replaceAll("/$", ""));
        int connections = Integer.parseInt(args[3]);
        long seconds = Long.parseLong(args[4]);
        long started = System.nanoTime();
        long end = started + TimeUnit.SECONDS.toNanos(seconds);
        ExecutorService pool = Executors.newFixedThreadPool(connections);
        if (mode.equals("sign")) {
            String slug = args[2];
            double rate = args.length > 5 ? Double.parseDouble(args[5]) : 0;
            AtomicLong next = new AtomicLong();
            long interval = rate > 0 ? (long) (1e9 / rate) : 0;
            for (int c = 0; c < connections; c++) {
                pool.execute(
                        () -> {
                            Http http = new Http(base);
                            while (true) {
                                long t0 = System.nanoTime();
                                if (interval > 0) {
                                    t0 = started + next.getAndIncrement() * interval;
                                    if (t0 >= end) {
                                        break;
                                    }
                                    sleepUntil(t0);
                                } else if (t0 >= end) {
                                    break;
                                }
                                record(t0, () -> signOnce(http, slug));
                            }
                            http.close();
                        });
            }
        } else if (mode.equals("confirm")) {
            List<String> links = Files.readAllLines(Path.of(args[2]));
            AtomicInteger next = new AtomicInteger();
            for (int c = 0; c < connections; c++) {
                pool.execute(
                        () -> {
                            Http http = new Http(base);
                            int i;
                            while (System.nanoTime() < end
                                    && (i = next.getAndIncrement()) < links.size()) {
                                String link = links.get(i).trim();
                                record(System.nanoTime(), () -> confirmOnce(http, link));
                            }
                            http.close();
                        });
            }
        } else {
            throw new IllegalArgumentException("mode: sign or confirm");
        }
        pool.shutdown();
        pool.awaitTermination(seconds + 30, TimeUnit.SECONDS);
        if (SUBMITTED != null) {
            Files.write(Path.of(SUBMITTED), submitted);
        }
        double took = (System.nanoTime() - started) / 1e9;
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        int fiveXx = 0;
        int unexplained = 0;
        for (Map.Entry<String, AtomicInteger> e : errorKinds.entrySet()) {
            if (e.getKey().matches(".*-5\\d\\d.*")) {
                fiveXx += e.getValue().get();
                if (!e.getKey().endsWith("-503")) {
                    unexplained += e.getValue().get();
                }
            }
        }
        System.out.printf(
                Locale.ROOT,
                "ok=%d errors=%d http_5xx=%d 5xx_other_than_503_with_retry_after=%d seconds=%.1f"
                        + " rate=%.1f p50_ms=%.1f p99_ms=%.1f%s%n",
                ok.get(),
                errors.get(),
                fiveXx,
                unexplained,
                took,
                ok.get() / took,
                pct(sorted, 0.50),
                pct(sorted, 0.99),
                errorKinds.isEmpty() ? "" : " error_kinds=" + new TreeMap<>(errorKinds));
    }

    interface Step {
        String run() throws IOException; // null when it went well, else what went wrong
    }

    static void record(long t0, Step step) {
        String error;
        try {
            error = step.run();
        } catch (IOException e) {
            error = e.getClass().getSimpleName();
        }
        if (error == null) {
            ok.incrementAndGet();
            latencies.add(System.nanoTime() - t0);
        } else {
            errors.incrementAndGet();
            errorKinds.computeIfAbsent(error, k -> new AtomicInteger()).incrementAndGet();
        }
    }

    static String signOnce(Http http, String slug) throws IOException {
        Http.Response page = http.send("GET", "/aufrufe/" + slug, null, null);
        if (page.status != 200) {
            return "page-" + kind(page);
        }
        // the public sign form carries no per-visitor token; older builds' forms do (the regular
        // expression over 20 kB of page only when there is one: it cost the generator much CPU)
        Matcher m = page.body.contains("csrfToken") ? CSRF.matcher(page.body) : null;
        String token = m == null || !m.find() ? null : m.group(1) != null ? m.group(1) : m.group(2);
        String email = "bench-" + UUID.randomUUID() + "@rathaus.example";
        String form =
                "name="
                        + enc("Erika Mustermann")
                        + "&role=MAYOR&body=&municipality=06412000&country=DE"
                        + "&email="
                        + enc(email)
                        + "&privacy=on"
                        + (token == null ? "" : "&csrfToken=" + enc(token.replace("&amp;", "&")));
        long at = System.currentTimeMillis();
        Http.Response r = http.send("POST", "/aufrufe/" + slug + "/unterzeichnen", form, page);
        if (r.status != 303) {
            return "sign-" + kind(r);
        }
        if (SUBMITTED != null) {
            submitted.add(email + " " + at);
        }
        return null;
    }

    /** The status, and for a 503 whether it said when to try again. */
    static String kind(Http.Response r) {
        return r.status == 503 && r.retryAfter == null ? "503-without-retry-after" : "" + r.status;
    }

    static String confirmOnce(Http http, String path) throws IOException {
        Http.Response page = http.send("GET", path, null, null);
        if (page.status != 200) {
            return "link-" + page.status;
        }
        Matcher m = CSRF.matcher(page.body);
        String form =
                m.find()
                        ? "csrfToken="
                                + enc(
                                        (m.group(1) != null ? m.group(1) : m.group(2))
                                                .replace("&amp;", "&"))
                        : "";
        Http.Response r = http.send("POST", path, form, page);
        return r.status == 200 ? null : "confirm-" + r.status;
    }

    static void sleepUntil(long nanoTime) {
        long wait = nanoTime - System.nanoTime();
        if (wait > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static double pct(List<Long> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        return sorted.get((int) Math.min(sorted.size() - 1, Math.floor(p * sorted.size()))) / 1e6;
    }

    /** HTTP/1.1 on one kept-alive socket, reconnecting when the server closes it. */
    static final class Http {
        final URI base;
        final String origin;
        Socket socket;
        InputStream in;
        OutputStream out;

        Http(URI base) {
            this.base = base;
            this.origin = base.getScheme() + "://" + base.getAuthority();
        }

        record Response(
                int status, String body, List<String> cookies, boolean close, String retryAfter) {}

        Response send(String method, String path, String form, Response cookiesFrom)
                throws IOException {
            try {
                return exchange(method, path, form, cookiesFrom);
            } catch (IOException firstTry) {
                // a kept-alive socket the server has closed meanwhile: once more on a new one
                close();
                return exchange(method, path, form, cookiesFrom);
            }
        }

        private Response exchange(String method, String path, String form, Response cookiesFrom)
                throws IOException {
            if (socket == null) {
                socket = new Socket();
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(base.getHost(), base.getPort()), 5000);
                socket.setSoTimeout(10_000);
                in = new BufferedInputStream(socket.getInputStream(), 65536);
                out = socket.getOutputStream();
            }
            byte[] body = form == null ? new byte[0] : form.getBytes(StandardCharsets.UTF_8);
            StringBuilder head = new StringBuilder();
            head.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            head.append("Host: ").append(base.getAuthority()).append("\r\n");
            head.append("Accept: text/html\r\n");
            if (form != null) {
                head.append("Origin: ").append(origin).append("\r\n");
                head.append("Content-Type: application/x-www-form-urlencoded\r\n");
                head.append("Content-Length: ").append(body.length).append("\r\n");
            }
            if (cookiesFrom != null && !cookiesFrom.cookies.isEmpty()) {
                head.append("Cookie: ")
                        .append(String.join("; ", cookiesFrom.cookies))
                        .append("\r\n");
            }
            head.append("\r\n");
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            Response r = read();
            if (r.close) {
                close();
            }
            return r;
        }

        private Response read() throws IOException {
            String statusLine = line();
            if (statusLine == null) {
                throw new IOException("closed");
            }
            int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
            long length = -1;
            boolean chunked = false;
            boolean close = false;
            List<String> cookies = new ArrayList<>();
            String retryAfter = null;
            for (String h = line(); h != null && !h.isEmpty(); h = line()) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = h.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    case "connection" -> close = value.equalsIgnoreCase("close");
                    case "set-cookie" -> cookies.add(value.split(";", 2)[0]);
                    case "retry-after" -> retryAfter = value;
                    default -> {}
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (long n = Long.parseLong(line().split(";")[0].trim(), 16);
                        n > 0;
                        n = Long.parseLong(line().split(";")[0].trim(), 16)) {
                    copy(n, body);
                    line();
                }
                for (String t = line(); t != null && !t.isEmpty(); t = line()) {
                    // trailers
                }
            } else if (length >= 0) {
                copy(length, body);
            } else {
                in.transferTo(body);
                close = true;
            }
            return new Response(
                    status, body.toString(StandardCharsets.UTF_8), cookies, close, retryAfter);
        }

        private void copy(long n, ByteArrayOutputStream to) throws IOException {
            byte[] buffer = new byte[8192];
            while (n > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, n));
                if (read < 0) {
                    throw new IOException("closed in the body");
                }
                to.write(buffer, 0, read);
                n -= read;
            }
        }

        private String line() throws IOException {
            StringBuilder s = new StringBuilder();
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    int len = s.length();
                    return len > 0 && s.charAt(len - 1) == '\r'
                            ? s.substring(0, len - 1)
                            : s.toString();
                }
                s.append((char) b);
            }
            return s.length() == 0 ? null : s.toString();
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
            socket = null;
        }
    }
}
