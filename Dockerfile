FROM python:3.11-slim
WORKDIR /app
COPY pyproject.toml README.md ./
COPY graph ./graph
COPY api ./api
COPY cypher ./cypher
COPY seed_data ./seed_data
RUN pip install --no-cache-dir -e .
EXPOSE 8000
CMD ["geoalign", "serve", "--host", "0.0.0.0"]
