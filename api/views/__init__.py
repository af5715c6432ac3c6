"""The API's views: thin, each asks one service (courses, enrollment, progress,
certificates, orders) and answers with a serializer."""
