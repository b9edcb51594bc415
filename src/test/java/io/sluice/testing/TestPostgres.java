package io.sluice.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A real PostgreSQL for the tests of Firehose's Redshift destination (database {@code test}, user
 * {@code postgres}): the one {@code TEST_POSTGRES} names ({@code host:port}; {@code embedded}
 * for the embedded one), else the machine's at 127.0.0.1:5432 if it answers, else an embedded
 * PostgreSQL ({@code io.zonky.test}) started once for the test JVM. Never skipped: a machine without
 * one still runs the tests.
 */
public final class TestPostgres {
  private static String hostPort;
  private static EmbeddedPostgres embedded;

  private TestPostgres() {}

  /** {@code host:port} of the PostgreSQL the tests use. */
  public static synchronized String hostPort() {
    if (hostPort == null) {
      String configured = System.getenv("TEST_POSTGRES");
      if ("embedded".equals(configured)) {
        hostPort = startEmbedded();
      } else if (configured != null && !configured.isBlank()) {
        hostPort = configured.trim();
      } else if (answers("127.0.0.1:5432")) {
        hostPort = "127.0.0.1:5432";
      } else {
        hostPort = startEmbedded();
      }
    }
    return hostPort;
  }

  /** The JDBC URL of its database {@code test}. */
  public static String jdbcUrl() {
    return "jdbc:postgresql://" + hostPort() + "/test";
  }

  /** A connection to its database {@code test} as {@code postgres}. */
  public static Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), "postgres", "unused");
  }

  private static boolean answers(String candidate) {
    try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + candidate + "/test?connectTimeout=3",
        "postgres", "unused")) {
      return c.isValid(3);
    } catch (SQLException e) {
      return false;
    }
  }

  private static String startEmbedded() {
    try {
      embedded = EmbeddedPostgres.builder().start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          embedded.close();
        } catch (IOException e) {
          // the JVM is going anyway
        }
      }));
      try (Connection c = embedded.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE test");
      }
      return "127.0.0.1:" + embedded.getPort();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start an embedded PostgreSQL", e);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the test database in the embedded PostgreSQL", e);
    }
  }
}
