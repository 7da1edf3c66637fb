import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A local SMTP server for the outbox benchmark (bench/run.sh): accepts every mail, keeps nothing
 * but "recipient epoch-ms" per accepted message, written to FILE when it is stopped (SIGTERM).
 * Speaks plain SMTP (no TLS, no AUTH), as a mail relay on loopback would. Usage: {@code java
 * bench/SmtpSink.java PORT FILE}
 */
public class SmtpSink {

    static final Queue<String> arrivals = new ConcurrentLinkedQueue<>();

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        Path file = Path.of(args[1]);
        Runtime.getRuntime()
                .addShutdownHook(
                        new Thread(
                                () -> {
                                    try {
                                        Files.write(file, arrivals);
                                    } catch (IOException e) {
                                        e.printStackTrace();
                                    }
                                }));
        try (ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
            System.out.println("listening on " + port);
            while (true) {
                Socket s = server.accept();
                Thread t = new Thread(() -> session(s));
                t.setDaemon(true);
                t.start();
            }
        }
    }

    static void session(Socket socket) {
        try (socket;
                BufferedReader in =
                        new BufferedReader(
                                new InputStreamReader(
                                        socket.getInputStream(), StandardCharsets.ISO_8859_1));
                OutputStream out = socket.getOutputStream()) {
            reply(out, "220 sink ESMTP");
            String recipient = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String verb =
                        line.length() >= 4 ? line.substring(0, 4).toUpperCase(Locale.ROOT) : line;
                switch (verb) {
                    case "EHLO" -> reply(out, "250-sink\r\n250-8BITMIME\r\n250 SIZE 10485760");
                    case "HELO" -> reply(out, "250 sink");
                    case "MAIL", "RSET", "NOOP" -> {
                        recipient = verb.equals("MAIL") ? null : recipient;
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        int lt = line.indexOf('<');
                        int gt = line.indexOf('>');
                        recipient = lt >= 0 && gt > lt ? line.substring(lt + 1, gt) : line;
                        reply(out, "250 OK");
                    }
                    case "DATA" -> {
                        reply(out, "354 go ahead");
                        for (String body = in.readLine();
                                body != null && !body.equals(".");
                                body = in.readLine()) {
                            // the message itself is not kept
                        }
                        arrivals.add(recipient + " " + System.currentTimeMillis());
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }
}
