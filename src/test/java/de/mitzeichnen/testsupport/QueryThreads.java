package de.mitzeichnen.testsupport;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A Connector/J query interceptor that records on which thread every statement runs. Test contexts
 * switch it on with {@link #URL_PARAMETER} in the JDBC URL, then check that no query ran on a Netty
 * event loop.
 */
public class QueryThreads implements QueryInterceptor {

    public static final String URL_PARAMETER = "queryInterceptors=" + QueryThreads.class.getName();

    public record Recorded(String thread, String sql) {}

    private static final List<Recorded> RECORDED = new CopyOnWriteArrayList<>();

    public static List<Recorded> recorded() {
        return List.copyOf(RECORDED);
    }

    public static void clear() {
        RECORDED.clear();
    }

    /**
     * Netty names its event-loop threads e.g. "default-nioEventLoopGroup-1-3" or
     * "…epollEventLoopGroup…".
     */
    public static boolean eventLoop(String thread) {
        return thread.toLowerCase().contains("eventloop");
    }

    @Override
    public QueryInterceptor init(MysqlConnection conn, Properties props, Log log) {
        return this;
    }

    @Override
    public <T extends Resultset> T preProcess(Supplier<String> sql, Query interceptedQuery) {
        String text = sql == null ? "" : sql.get();
        RECORDED.add(new Recorded(Thread.currentThread().getName(), text == null ? "" : text));
        return null;
    }

    @Override
    public boolean executeTopLevelOnly() {
        return true;
    }

    @Override
    public void destroy() {}

    @Override
    public <T extends Resultset> T postProcess(
            Supplier<String> sql,
            Query interceptedQuery,
            T originalResultSet,
            ServerSession serverSession) {
        return null;
    }
}
