package io.sluice.firehose.destination;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import io.sluice.firehose.delivery.DeliveryFailure;
import io.sluice.firehose.delivery.DeliveryRecord;
import io.sluice.protocol.JsonCodec;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.postgresql.PGConnection;

/**
 * Runs a Redshift destination's load against a PostgreSQL-compatible database over JDBC: Redshift's
 * COPY reads S3, which PostgreSQL cannot, so the batch's data (what the staged objects hold, before
 * compression) is streamed through PostgreSQL's {@code COPY … FROM STDIN} in one transaction. Blocks:
 * callers run it off the event loop. Failures are {@link DeliveryFailure}s with the error codes
 * Firehose reports for Redshift ({@code Redshift.TableNotFound}, {@code Redshift.ConnectionFailed}, …):
 * a refused COPY (the data, the table, the statement) is not retryable, the rest is.
 */
public final class RedshiftLoader {
  private static final int TIMEOUT_SECONDS = 30;

  private RedshiftLoader() {}

  /**
   * The PostgreSQL JDBC URL for a {@code ClusterJDBCURL}: {@code jdbc:redshift://host:port/db?…} becomes
   * {@code jdbc:postgresql://host:port/db?…} (Redshift speaks PostgreSQL's protocol); a
   * {@code jdbc:postgresql:} URL is used as given.
   */
  public static String postgresUrl(String clusterJdbcUrl) {
    if (clusterJdbcUrl.startsWith("jdbc:redshift:")) {
      return "jdbc:postgresql:" + clusterJdbcUrl.substring("jdbc:redshift:".length());
    }
    if (clusterJdbcUrl.startsWith("jdbc:postgresql:")) {
      return clusterJdbcUrl;
    }
    throw new DeliveryFailure(false, "Redshift.ConnectionFailed",
        "ClusterJDBCURL must start with jdbc:redshift: or jdbc:postgresql:, not " + clusterJdbcUrl);
  }

  /**
   * {@code clusterJdbcUrl} with its host replaced as {@code hosts} maps it: by {@code host:port},
   * else by {@code host} (the mapped value is the {@code host:port} to connect to); unchanged if
   * neither is mapped.
   */
  public static String mapped(String clusterJdbcUrl, Map<String, String> hosts) {
    int start = clusterJdbcUrl.indexOf("//");
    if (start < 0 || hosts.isEmpty()) {
      return clusterJdbcUrl;
    }
    int end = start + 2;
    while (end < clusterJdbcUrl.length() && "/?;".indexOf(clusterJdbcUrl.charAt(end)) < 0) {
      end++;
    }
    String authority = clusterJdbcUrl.substring(start + 2, end);
    int colon = authority.lastIndexOf(':');
    String host = colon < 0 ? authority : authority.substring(0, colon);
    String target = hosts.containsKey(authority) ? hosts.get(authority) : hosts.get(host);
    return target == null ? clusterJdbcUrl
        : clusterJdbcUrl.substring(0, start + 2) + target + clusterJdbcUrl.substring(end);
  }

  /** Loads {@code records} as {@code copy} says; returns the rows loaded. */
  public static long load(String clusterJdbcUrl, String user, String password, RedshiftCopy copy,
                          List<DeliveryRecord> records) {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    props.setProperty("connectTimeout", String.valueOf(TIMEOUT_SECONDS));
    props.setProperty("socketTimeout", String.valueOf(TIMEOUT_SECONDS * 4));
    props.setProperty("loginTimeout", String.valueOf(TIMEOUT_SECONDS));
    try (Connection c = DriverManager.getConnection(postgresUrl(clusterJdbcUrl), props)) {
      c.setAutoCommit(false);
      List<String> columns = copy.columns();
      byte[] data;
      if (copy.format() == RedshiftCopy.Format.JSON) {
        columns = columns.isEmpty() ? tableColumns(c, copy.table()) : columns;
        data = jsonAsCsv(records, columns, copy);
      } else {
        data = skipLines(concatenate(records), copy.ignoreHeader());
      }
      long rows = c.unwrap(PGConnection.class).getCopyAPI()
          .copyIn(copy.postgresStatement(columns), new ByteArrayInputStream(data));
      c.commit();
      return rows;
    } catch (SQLException e) {
      throw failure(e);
    } catch (IOException e) {
      throw new DeliveryFailure(true, "Redshift.ConnectionFailed", e.getMessage());
    }
  }

  /** The DeliveryFailure for a database error, by its SQLSTATE. */
  static DeliveryFailure failure(SQLException e) {
    String state = e.getSQLState() == null ? "" : e.getSQLState();
    String code = switch (state) {
      case "42P01" -> "Redshift.TableNotFound";
      case "42703" -> "Redshift.ColumnNotFound";
      case "3F000" -> "Redshift.SchemaNotFound";
      case "3D000" -> "Redshift.DatabaseNotFound";
      case "42501" -> "Redshift.InsufficientPrivilege";
      case "25006" -> "Redshift.ReadOnlyCluster";
      case "53100" -> "Redshift.DiskFull";
      default -> state.startsWith("08") ? "Redshift.ConnectionFailed"
          : state.startsWith("28") ? "Redshift.AuthenticationFailed"
          : state.startsWith("42") ? "Redshift.SyntaxError"
          : state.startsWith("22") || state.startsWith("23") ? "Redshift.DataLoadFailed"
          : "Redshift.InternalError";
    };
    // A COPY the database refused (its data, table, columns or statement) fails the same way again.
    boolean refused = state.startsWith("22") || state.startsWith("23") || state.startsWith("42")
        || state.startsWith("3F") || state.startsWith("3D");
    return new DeliveryFailure(!refused, code, e.getMessage());
  }

  private static List<String> tableColumns(Connection c, String table) throws SQLException {
    int dot = table.lastIndexOf('.');
    String sql = "SELECT column_name FROM information_schema.columns WHERE table_name = ?"
        + (dot < 0 ? " AND table_schema = ANY (current_schemas(false))" : " AND table_schema = ?")
        + " ORDER BY ordinal_position";
    try (PreparedStatement s = c.prepareStatement(sql)) {
      s.setString(1, unquote(dot < 0 ? table : table.substring(dot + 1)));
      if (dot >= 0) {
        s.setString(2, unquote(table.substring(0, dot)));
      }
      List<String> out = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          out.add(r.getString(1));
        }
      }
      if (out.isEmpty()) {
        throw new DeliveryFailure(false, "Redshift.TableNotFound", "relation \"" + table + "\" does not exist");
      }
      return out;
    }
  }

  private static String unquote(String name) {
    return name.startsWith("\"") && name.endsWith("\"") ? name.substring(1, name.length() - 1)
        : name.toLowerCase(Locale.ROOT);
  }

  private static byte[] concatenate(List<DeliveryRecord> records) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (DeliveryRecord r : records) {
      out.writeBytes(r.data());
    }
    return out.toByteArray();
  }

  private static byte[] skipLines(byte[] data, int lines) {
    int at = 0;
    for (int n = 0; n < lines && at < data.length; n++) {
      while (at < data.length && data[at] != '\n') {
        at++;
      }
      at++;
    }
    return at == 0 ? data : java.util.Arrays.copyOfRange(data, Math.min(at, data.length), data.length);
  }

  /**
   * JSON 'auto' (Redshift COPY, "COPY from JSON format"): the data is a sequence of JSON objects (Firehose
   * concatenates records with no separator); each becomes a row, a column taking the member of its
   * name (any case with {@code ignorecase}), null where absent, objects and arrays as JSON text; an
   * empty string null with {@code EMPTYASNULL}, a blank one with {@code BLANKSASNULL}.
   */
  static byte[] jsonAsCsv(List<DeliveryRecord> records, List<String> columns, RedshiftCopy copy) {
    StringBuilder csv = new StringBuilder();
    try (MappingIterator<JsonNode> values = JsonCodec.json().readerFor(JsonNode.class)
        .with(JsonParser.Feature.AUTO_CLOSE_SOURCE).readValues(concatenate(records))) {
      while (values.hasNext()) {
        JsonNode object = values.next();
        if (!object.isObject()) {
          throw new DeliveryFailure(false, "Redshift.DataLoadFailed", "JSON 'auto' needs objects, not " + object);
        }
        for (int i = 0; i < columns.size(); i++) {
          if (i > 0) {
            csv.append(',');
          }
          JsonNode v = member(object, columns.get(i), copy.jsonIgnoreCase());
          String text = v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
          boolean asNull = text == null || v.isTextual() && (copy.emptyAsNull() && text.isEmpty()
              || copy.blanksAsNull() && !text.isEmpty() && text.isBlank());
          if (!asNull) {
            csv.append('"').append(text.replace("\"", "\"\"")).append('"');
          }
        }
        csv.append('\n');
      }
    } catch (IOException | RuntimeException e) {
      if (e instanceof DeliveryFailure f) {
        throw f;
      }
      throw new DeliveryFailure(false, "Redshift.DataLoadFailed", "invalid JSON data: " + e.getMessage());
    }
    return csv.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode member(JsonNode object, String column, boolean ignoreCase) {
    String name = column.startsWith("\"") && column.endsWith("\"") ? column.substring(1, column.length() - 1) : column;
    JsonNode v = object.get(name);
    if (v != null || !ignoreCase) {
      return v;
    }
    Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      if (f.getKey().equalsIgnoreCase(name)) {
        return f.getValue();
      }
    }
    return null;
  }
}
