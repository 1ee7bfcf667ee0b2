"""The local Neo4j Community server that geoalign provisions and runs as a Java process: the
jars fetched once from Maven Central by `mvn` (pom.xml beside this file), its configuration, start,
stop and status (server.py)."""
