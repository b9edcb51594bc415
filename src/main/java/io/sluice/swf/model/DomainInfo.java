package io.sluice.swf.model;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A domain as DescribeDomain and ListDomains answer it ({@code DomainInfo}). */
@JsonNaming(PropertyNamingStrategies.LowerCamelCaseStrategy.class)
public record DomainInfo(String name, RegistrationStatus status, String description, String arn) {}
