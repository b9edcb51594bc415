package io.sluice.swf.model;

/** A domain's or a type's registration status, as the wire spells it. */
public enum RegistrationStatus {
  REGISTERED,
  DEPRECATED
}
