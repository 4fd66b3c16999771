# A rasa replica: Rasa 3.6.21 with Wegwijs's model, trained from the project's data when the image is built.
FROM rasa/rasa:3.6.21

USER root
COPY requirements/rasa.txt /tmp/rasa.txt
RUN pip install --no-cache-dir -r /tmp/rasa.txt

WORKDIR /app
COPY bot/ bot/
COPY data/nlu/ data/nlu/
RUN rasa train --config bot/config.yml --domain bot/domain --data bot/data data/nlu --out models \
        --fixed-model-name wegwijs \
    && chown -R 1001 /app
USER 1001

# bot.stores (the tracker store named in bot/endpoints.production.yml) is imported from /app.
ENV PYTHONPATH=/app RASA_TELEMETRY_ENABLED=false
EXPOSE 5005
ENTRYPOINT ["/bin/sh", "-c", "exec rasa run --enable-api --auth-token \"$WEGWIJS_RASA_TOKEN\" --interface 0.0.0.0 --port 5005 --model models --endpoints bot/endpoints.production.yml --credentials bot/credentials.yml --logging-config-file bot/logging.yml"]
