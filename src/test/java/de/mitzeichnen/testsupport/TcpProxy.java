package de.mitzeichnen.testsupport;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP proxy in front of the test database that a test can make fail: {@link #hang()} keeps every
 * connection open but forwards nothing (a frozen database), {@link #down()} closes all connections
 * and refuses new ones (a stopped database), {@link #forward()} works normally again on the same
 * port.
 */
public final class TcpProxy implements AutoCloseable {

    private enum Mode {
        FORWARD,
        HANG,
        DOWN
    }

    private final String targetHost;
    private final int targetPort;
    private final int port;
    private volatile Mode mode = Mode.FORWARD;
    private volatile ServerSocket server;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();

    public TcpProxy(String targetHost, int targetPort) throws IOException {
        this.targetHost = targetHost;
        this.targetPort = targetPort;
        ServerSocket s = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        this.port = s.getLocalPort();
        listen(s);
    }

    public int port() {
        return port;
    }

    /** Rewrites the host and port of a jdbc:mysql:// URL to this proxy. */
    public String proxied(String jdbcUrl) {
        return jdbcUrl.replaceFirst("//[^/]+/", "//127.0.0.1:" + port + "/");
    }

    /**
     * Closes every open connection (the database's side of a request in flight breaks) and goes on
     * forwarding new ones, as after a database restart or a network blip.
     */
    public synchronized void cut() throws IOException {
        closeAll();
        mode = Mode.FORWARD;
        synchronized (gate) {
            gate.notifyAll();
        }
    }

    public void hang() {
        mode = Mode.HANG;
    }

    public synchronized void down() throws IOException {
        mode = Mode.DOWN;
        ServerSocket s = server;
        server = null;
        if (s != null) {
            s.close();
        }
        closeAll();
        synchronized (gate) {
            gate.notifyAll();
        }
    }

    public synchronized void forward() throws IOException {
        if (mode == Mode.HANG) {
            // connections frozen mid-conversation cannot continue in a defined state: drop them
            closeAll();
        }
        mode = Mode.FORWARD;
        if (server == null) {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            listen(s);
        }
        synchronized (gate) {
            gate.notifyAll();
        }
    }

    private void listen(ServerSocket s) {
        server = s;
        Thread t =
                new Thread(
                        () -> {
                            while (!s.isClosed()) {
                                try {
                                    Socket client = s.accept();
                                    Socket upstream = new Socket(targetHost, targetPort);
                                    sockets.add(client);
                                    sockets.add(upstream);
                                    pipe(client, upstream);
                                    pipe(upstream, client);
                                } catch (IOException e) {
                                    // closed, or the target is not there
                                }
                            }
                        },
                        "tcp-proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    private void pipe(Socket from, Socket to) {
        Thread t =
                new Thread(
                        () -> {
                            byte[] buf = new byte[16384];
                            try (InputStream in = from.getInputStream();
                                    OutputStream out = to.getOutputStream()) {
                                int n;
                                while ((n = in.read(buf)) >= 0) {
                                    waitWhileHanging();
                                    if (mode == Mode.DOWN) {
                                        break;
                                    }
                                    out.write(buf, 0, n);
                                    out.flush();
                                }
                            } catch (IOException | InterruptedException e) {
                                // closed
                            } finally {
                                closeQuietly(from);
                                closeQuietly(to);
                            }
                        },
                        "tcp-proxy-pipe");
        t.setDaemon(true);
        t.start();
    }

    private void waitWhileHanging() throws InterruptedException {
        synchronized (gate) {
            while (mode == Mode.HANG) {
                gate.wait(100);
            }
        }
    }

    private void closeAll() {
        for (Socket s : sockets) {
            closeQuietly(s);
        }
        sockets.clear();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // gone anyway
        }
    }

    @Override
    public void close() throws IOException {
        down();
    }
}
