"""The API's OpenAPI generation: drf-spectacular's AutoSchema plus what every operation can answer."""

from drf_spectacular.openapi import AutoSchema

DETAIL_SCHEMA = {
    "type": "object",
    "properties": {"detail": {"type": "string"}},
    "required": ["detail"],
}


class ApiAutoSchema(AutoSchema):
    """Documents 429 on every throttled operation (the anonymous throttle, ``API_ANON_RATE``)."""

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.view.get_throttles():
            responses.setdefault(
                "429",
                {
                    "content": {"application/json": {"schema": DETAIL_SCHEMA}},
                    "description": "Too many requests from this anonymous client; retry after the number of "
                    "seconds in the Retry-After header.",
                },
            )
        return responses
