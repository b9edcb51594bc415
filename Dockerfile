# Sluice image: build the jar first (mvn -q package -DskipTests), then docker build -t sluice:0.1.0 .
FROM eclipse-temurin:25-jre
WORKDIR /app
COPY target/lib/ lib/
COPY target/sluice.jar sluice.jar
# A short training run records the ahead-of-time cache with this image's own JVM, so nodes answer
# their first request in well under a second.
RUN java -XX:AOTCacheOutput=/app/sluice.aot -Xlog:aot=error,cds=error -jar /app/sluice.jar --train
EXPOSE 4566 5701
USER 10001
# java runs as PID 1, so SIGTERM reaches Sluice's graceful shutdown.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-XX:AOTCache=/app/sluice.aot", "-jar", "/app/sluice.jar"]
