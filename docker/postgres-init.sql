-- Rasa's tracker store lives in a database of its own, next to the application database.
CREATE DATABASE rasa;
