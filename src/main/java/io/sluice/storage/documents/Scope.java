package io.sluice.storage.documents;

/**
 * Where a document lives: one account in one region. A service's node-wide documents (a key pair
 * every node shares, a listing of a whole node) live in {@link #GLOBAL}. Neither part may be empty
 * or contain {@code /}, <code>{</code> or <code>}</code> (they are part of a Redis hash tag).
 */
public record Scope(String region, String account) {

  /** The scope of documents that belong to no account: region and account {@code global}. */
  public static final Scope GLOBAL = new Scope("global", "global");

  public Scope {
    check("region", region);
    check("account", account);
  }

  public static Scope of(String region, String account) {
    return new Scope(region, account);
  }

  private static void check(String what, String value) {
    if (value == null || value.isEmpty() || value.chars().anyMatch(c -> c == '/' || c == '{' || c == '}')) {
      throw new IllegalArgumentException("invalid document scope " + what + ": " + value);
    }
  }
}
