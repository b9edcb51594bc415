# Sluice image: build the jar first (mvn -q package -DskipTests), then docker build -t sluice:0.1.0 .
FROM eclipse-temurin:21-jre
WORKDIR /app
COPY target/lib/ lib/
COPY target/sluice.jar sluice.jar
EXPOSE 4566 5701
USER 10001
# java runs as PID 1, so SIGTERM reaches Sluice's graceful shutdown.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/sluice.jar"]
