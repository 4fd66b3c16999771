# The application image: api, actions, the Telegram worker and the one-off set-up, each with its own command.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PYTHONPATH=/app
WORKDIR /app
COPY requirements/app.txt requirements/app.txt
RUN pip install --no-cache-dir -r requirements/app.txt

COPY alembic.ini ./
COPY api/ api/
COPY actions/ actions/
COPY rasa_sdk_plugins/ rasa_sdk_plugins/
COPY bot/ bot/
COPY data/catalogue/ data/catalogue/
COPY data/safety/ data/safety/
# The question review groups questions with a classifier of its own, fitted on the NLU training data.
COPY data/nlu/ data/nlu/
COPY locales/ locales/
RUN pybabel compile -d locales -D messages \
    && useradd --system --uid 1001 --home-dir /app wegwijs \
    && mkdir var && chown wegwijs var
USER wegwijs

EXPOSE 8000 5055
CMD ["uvicorn", "api.main:app", "--host", "0.0.0.0", "--port", "8000", "--proxy-headers", "--no-server-header"]
