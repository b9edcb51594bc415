package io.sluice.firehose.destination;

import com.fasterxml.jackson.databind.JsonNode;
import io.sluice.firehose.delivery.DeliveryFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A Redshift destination's {@code CopyCommand}: the COPY statement AWS issues against the cluster
 * ({@link #redshiftStatement}) and how Sluice runs the same load on PostgreSQL, which cannot read S3
 * ({@link #postgresStatement}: {@code COPY … FROM STDIN} fed with the staged data).
 *
 * <p>{@code CopyOptions} (Redshift's COPY parameters) are translated where PostgreSQL has the same
 * meaning: {@code DELIMITER}, {@code CSV} / {@code FORMAT CSV} with {@code QUOTE}, {@code NULL AS},
 * {@code IGNOREHEADER}, and {@code JSON 'auto'} / {@code 'auto ignorecase'} (Sluice maps each JSON
 * object's keys to the columns itself, with {@code EMPTYASNULL} and {@code BLANKSASNULL}). Options that change nothing about the rows of well-formed
 * data ({@code GZIP}, {@code LZOP}, {@code BZIP2}, {@code ZSTD} — the data is loaded before
 * compression —, {@code MANIFEST}, {@code ESCAPE}, {@code REGION}, {@code COMPUPDATE},
 * {@code STATUPDATE}, {@code ACCEPTINVCHARS}, {@code DATEFORMAT}/{@code TIMEFORMAT 'auto'}) are
 * accepted; any other is refused with {@code Redshift.IncorrectCopyOptions}, naming the option.
 */
public record RedshiftCopy(String table, List<String> columns, Format format, char delimiter, char quote,
                           String nullString, int ignoreHeader, boolean jsonIgnoreCase, boolean emptyAsNull,
                           boolean blanksAsNull) {

  /** How the staged data is read. */
  public enum Format { TEXT, CSV, JSON }

  private static final Set<String> NO_EFFECT = Set.of("GZIP", "LZOP", "BZIP2", "ZSTD", "MANIFEST", "ESCAPE",
      "ACCEPTINVCHARS", "EXPLICIT_IDS");
  private static final Set<String> NO_EFFECT_WITH_VALUE = Set.of("REGION", "COMPUPDATE", "STATUPDATE");

  public RedshiftCopy {
    columns = List.copyOf(columns);
  }

  /** The COPY Firehose issues: from the batch's manifest, as the role, with the destination's options. */
  public static String redshiftStatement(JsonNode copyCommand, String manifestUrl, String roleArn) {
    StringBuilder sql = new StringBuilder("COPY ").append(copyCommand.path("DataTableName").asText());
    String columns = copyCommand.path("DataTableColumns").asText("");
    if (!columns.isBlank()) {
      sql.append(" (").append(columns).append(')');
    }
    sql.append(" FROM '").append(manifestUrl).append("' CREDENTIALS 'aws_iam_role=").append(roleArn)
        .append("' MANIFEST");
    String options = copyCommand.path("CopyOptions").asText("").trim();
    if (!options.isEmpty()) {
      sql.append(' ').append(options);
    }
    return sql.toString();
  }

  /** The load {@code copyCommand} describes; DeliveryFailure {@code Redshift.IncorrectCopyOptions} for what PostgreSQL cannot do. */
  public static RedshiftCopy of(JsonNode copyCommand) {
    String table = copyCommand.path("DataTableName").asText();
    List<String> columns = new ArrayList<>();
    for (String c : copyCommand.path("DataTableColumns").asText("").split(",")) {
      if (!c.isBlank()) {
        columns.add(c.trim());
      }
    }
    // Redshift's defaults: pipe-delimited text, \N as null (Redshift COPY, "Data format parameters").
    Format format = Format.TEXT;
    Character delimiter = null;
    char quote = '"';
    String nullString = "\\N";
    int ignoreHeader = 0;
    boolean ignoreCase = false;
    boolean emptyAsNull = false;
    boolean blanksAsNull = false;
    List<String> tokens = tokens(copyCommand.path("CopyOptions").asText(""));
    for (int i = 0; i < tokens.size(); i++) {
      String word = tokens.get(i).toUpperCase(Locale.ROOT);
      switch (word) {
        case "DELIMITER" -> {
          i = skipAs(tokens, i);
          delimiter = single(quoted(tokens, ++i, word), word);
        }
        case "CSV" -> format = Format.CSV;
        case "QUOTE" -> {
          i = skipAs(tokens, i);
          quote = single(quoted(tokens, ++i, word), word);
        }
        case "NULL" -> {
          i = skipAs(tokens, i);
          nullString = quoted(tokens, ++i, word);
        }
        case "IGNOREHEADER" -> {
          i = skipAs(tokens, i);
          try {
            ignoreHeader = Integer.parseInt(value(tokens, ++i, word));
          } catch (NumberFormatException e) {
            throw incorrect("IGNOREHEADER takes a number of lines");
          }
        }
        case "FORMAT" -> {
          i = skipAs(tokens, i);
          String f = value(tokens, ++i, word).toUpperCase(Locale.ROOT);
          if (f.equals("CSV")) {
            format = Format.CSV;
          } else if (f.equals("JSON")) {
            format = Format.JSON;
            ignoreCase = json(tokens, ++i);
          } else {
            throw incorrect("FORMAT " + f + " is not supported against PostgreSQL");
          }
        }
        case "JSON" -> {
          format = Format.JSON;
          ignoreCase = json(tokens, ++i);
        }
        case "EMPTYASNULL" -> emptyAsNull = true;
        case "BLANKSASNULL" -> blanksAsNull = true;
        case "DATEFORMAT", "TIMEFORMAT" -> {
          i = skipAs(tokens, i);
          if (!quoted(tokens, ++i, word).equalsIgnoreCase("auto")) {
            throw incorrect(word + " other than 'auto' is not supported against PostgreSQL");
          }
        }
        default -> {
          if (NO_EFFECT_WITH_VALUE.contains(word)) {
            i = skipAs(tokens, i) + 1;
          } else if (word.equals("ACCEPTINVCHARS") && i + 1 < tokens.size() && isQuoted(tokens.get(i + 1))) {
            i++;
          } else if (!NO_EFFECT.contains(word)) {
            throw incorrect("the COPY option " + tokens.get(i) + " is not supported against PostgreSQL");
          }
        }
      }
    }
    // With CSV the default delimiter is a comma (Redshift COPY, "CSV").
    char d = delimiter != null ? delimiter : format == Format.CSV ? ',' : '|';
    if ((emptyAsNull || blanksAsNull) && format != Format.JSON) {
      throw incorrect("EMPTYASNULL and BLANKSASNULL are supported with JSON 'auto' only against PostgreSQL");
    }
    return new RedshiftCopy(table, columns, format, d, quote, nullString, ignoreHeader, ignoreCase, emptyAsNull,
        blanksAsNull);
  }

  /** The PostgreSQL statement that loads the data (for JSON: the CSV Sluice makes of it) into {@code columns}. */
  public String postgresStatement(List<String> loadColumns) {
    StringBuilder sql = new StringBuilder("COPY ").append(table);
    if (!loadColumns.isEmpty()) {
      sql.append(" (").append(String.join(", ", loadColumns)).append(')');
    }
    sql.append(" FROM STDIN WITH (");
    if (format == Format.TEXT) {
      sql.append("FORMAT text, DELIMITER ").append(literal(String.valueOf(delimiter)))
          .append(", NULL ").append(literal(nullString));
    } else if (format == Format.CSV) {
      sql.append("FORMAT csv, DELIMITER ").append(literal(String.valueOf(delimiter)))
          .append(", QUOTE ").append(literal(String.valueOf(quote)));
      if (!nullString.equals("\\N")) {
        sql.append(", NULL ").append(literal(nullString));
      }
    } else {
      sql.append("FORMAT csv");
    }
    return sql.append(')').toString();
  }

  private static boolean json(List<String> tokens, int i) {
    String arg = i < tokens.size() && isQuoted(tokens.get(i)) ? unquote(tokens.get(i)) : "";
    String normalized = arg.trim().toLowerCase(Locale.ROOT);
    if (normalized.equals("auto")) {
      return false;
    }
    if (normalized.equals("auto ignorecase")) {
      return true;
    }
    throw incorrect("JSON '" + arg + "' is not supported: Sluice loads JSON 'auto' and 'auto ignorecase' "
        + "(a JSONPaths file in S3 is not read)");
  }

  private static int skipAs(List<String> tokens, int i) {
    return i + 1 < tokens.size() && tokens.get(i + 1).equalsIgnoreCase("AS") ? i + 1 : i;
  }

  private static String value(List<String> tokens, int i, String option) {
    if (i >= tokens.size()) {
      throw incorrect(option + " needs a value");
    }
    return isQuoted(tokens.get(i)) ? unquote(tokens.get(i)) : tokens.get(i);
  }

  private static String quoted(List<String> tokens, int i, String option) {
    if (i >= tokens.size() || !isQuoted(tokens.get(i))) {
      throw incorrect(option + " needs a quoted value");
    }
    return unquote(tokens.get(i));
  }

  private static char single(String value, String option) {
    String v = value.equals("\\t") ? "\t" : value;
    if (v.length() != 1) {
      throw incorrect(option + " must be a single character");
    }
    return v.charAt(0);
  }

  private static boolean isQuoted(String token) {
    return token.length() >= 2 && token.charAt(0) == '\'';
  }

  private static String unquote(String token) {
    return token.substring(1, token.length() - 1).replace("''", "'").replace("\\'", "'");
  }

  /** Words and single-quoted strings ({@code ''} or {@code \'} inside), a trailing {@code ;} dropped. */
  static List<String> tokens(String options) {
    List<String> out = new ArrayList<>();
    String s = options.trim();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c) || c == ';' || c == ',') {
        i++;
      } else if (c == '\'') {
        int j = i + 1;
        while (j < s.length()) {
          if (s.charAt(j) == '\\' && j + 1 < s.length()) {
            j += 2;
          } else if (s.charAt(j) == '\'' && j + 1 < s.length() && s.charAt(j + 1) == '\'') {
            j += 2;
          } else if (s.charAt(j) == '\'') {
            break;
          } else {
            j++;
          }
        }
        if (j >= s.length()) {
          throw incorrect("an unterminated quoted value in CopyOptions");
        }
        out.add(s.substring(i, j + 1));
        i = j + 1;
      } else {
        int j = i;
        while (j < s.length() && !Character.isWhitespace(s.charAt(j)) && s.charAt(j) != '\'' && s.charAt(j) != ';') {
          j++;
        }
        out.add(s.substring(i, j));
        i = j;
      }
    }
    return out;
  }

  private static String literal(String s) {
    return "E'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\t", "\\t") + "'";
  }

  private static DeliveryFailure incorrect(String message) {
    return new DeliveryFailure(false, "Redshift.IncorrectCopyOptions", message);
  }

}
