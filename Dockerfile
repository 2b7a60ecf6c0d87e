# syntax=docker/dockerfile:1
# migrabot in a container: `docker build -t migrabot .`, or with the real Alembic for Alembic projects:
# `docker build --build-arg WITH_ALEMBIC=true -t migrabot .`. See "Docker" in the README.

# The build: the same self-contained jar bin/migrabot builds (Java 17 class files, as the README asks for Java 17 or
# newer). Tests need PostgreSQL and Alembic, so they run in CI, not here.
FROM maven:3.9-eclipse-temurin-25 AS build
WORKDIR /build
COPY pom.xml .
COPY src ./src
RUN --mount=type=cache,target=/root/.m2 mvn -B -q -DskipTests package

# The runtime: a Java 25 JRE (the Java bin/migrabot prefers: it starts faster), pg_dump/pg_restore for backups (Ubuntu's postgresql-client: back up servers of its
# major version or older, or point backup.tools at newer ones), curl for the health check, and optionally Alembic
# with psycopg2 for projects whose env.py needs nothing more.
FROM eclipse-temurin:25-jre
ARG WITH_ALEMBIC=false
RUN apt-get update \
    && apt-get install -y --no-install-recommends postgresql-client curl \
    && if [ "$WITH_ALEMBIC" = "true" ]; then \
         apt-get install -y --no-install-recommends python3-alembic python3-psycopg2; \
       fi \
    && rm -rf /var/lib/apt/lists/*
# A user of its own (not the image's uid 1000), owning only where backups go.
RUN useradd --system --uid 10001 --user-group --home-dir /var/lib/migrabot --create-home migrabot \
    && mkdir -p /var/lib/migrabot/backups /etc/migrabot \
    && chown migrabot:migrabot /var/lib/migrabot/backups
COPY --from=build /build/target/migrabot.jar /opt/migrabot/migrabot.jar
USER migrabot
WORKDIR /var/lib/migrabot
VOLUME ["/var/lib/migrabot/backups"]
EXPOSE 8080
# Java 24 and newer warn on standard error when a library uses sun.misc.Unsafe's memory access (the Prometheus
# client's protobuf does); bin/migrabot passes the same switch.
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "--sun-misc-unsafe-memory-access=allow", "-jar", "/opt/migrabot/migrabot.jar"]
CMD ["run", "--config", "/etc/migrabot/migrabot.yml"]
