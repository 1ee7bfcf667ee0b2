# The API and the seed command for docker-compose.yml. The first stage builds geoalign's wheel; the
# second installs the locked dependencies (pinned versions, checked hashes) and then the wheel,
# which carries the Cypher files and the curated facts: no source tree in the image.
FROM python:3.11-slim AS build
WORKDIR /src
COPY pyproject.toml README.md LICENSE ./
COPY graph ./graph
COPY api ./api
COPY cli ./cli
COPY cypher ./cypher
COPY seed_data ./seed_data
RUN pip wheel --no-cache-dir --no-deps -w /dist .

FROM python:3.11-slim
COPY requirements/runtime.txt /tmp/runtime.txt
RUN pip install --no-cache-dir --require-hashes -r /tmp/runtime.txt
COPY --from=build /dist/*.whl /tmp/
RUN pip install --no-cache-dir --no-deps /tmp/*.whl && rm /tmp/*.whl /tmp/runtime.txt
RUN useradd --create-home geoalign
USER geoalign
WORKDIR /home/geoalign
EXPOSE 8000
CMD ["geoalign", "serve", "--host", "0.0.0.0"]
