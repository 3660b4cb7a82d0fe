"""A small definition that uses every feature of the format, for loader and scoring tests."""

import copy

import yaml

T = {"fi": "teksti", "sv": "text", "en": "text"}

BASE = {
    "code": "testi",
    "version": 1,
    "kind": "professional",
    "title": T,
    "domains": [
        {
            "id": "money",
            "title": T,
            "cap": 6,
            "bands": [
                {"code": "ok", "from": 0, "to": 3, "label": T},
                {"code": "weak", "from": 3, "to": 6, "label": T},
            ],
        },
        {"id": "life", "title": T, "weight": 2},
    ],
    "sections": [
        {
            "id": "a",
            "title": T,
            "items": [
                {
                    "id": "arrears",
                    "type": "single",
                    "required": True,
                    "text": T,
                    "options": [
                        {"value": "none", "text": T},
                        {"value": "some", "text": T},
                        {"value": "many", "text": T},
                    ],
                },
                {
                    "id": "plan",
                    "type": "yesno",
                    "required": True,
                    "text": T,
                    "show_if": {"item": "arrears", "in": ["some", "many"]},
                },
                {
                    "id": "plan_detail",
                    "type": "text",
                    "max_length": 50,
                    "text": T,
                    "show_if": {"item": "plan", "equals": "yes"},
                },
                {
                    "id": "worries",
                    "type": "multiple",
                    "text": T,
                    "options": [
                        {"value": "debt", "text": T},
                        {"value": "health", "text": T},
                        {"value": "danger", "text": T, "emergency": True},
                    ],
                },
            ],
        },
        {
            "id": "b",
            "title": T,
            "items": [
                {"id": "mood", "type": "scale", "min": 0, "max": 4, "required": True, "text": T},
                {"id": "nights", "type": "number", "min": 0, "max": 31, "text": T},
            ],
        },
    ],
    "scoring": {
        "total": {"min": -2, "max": 30, "cap": 20},
        "rules": [
            {"item": "arrears", "domain": "money", "points": {"none": 0, "some": 2, "many": 5}},
            {"item": "plan", "domain": "money", "points": {"yes": 0, "no": 2}},
            {"item": "worries", "domain": "life", "points": {"debt": 1, "health": 1, "danger": 3}, "cap": 4},
            {"item": "mood", "domain": "life", "reverse": True, "weight": 0.5},
            {
                "item": "nights",
                "thresholds": [
                    {"from": 0, "to": 1, "points": 0},
                    {"from": 1, "to": 7, "points": 2},
                    {"from": 7, "to": 32, "points": 4},
                ],
            },
            {"item": "nights", "thresholds": [{"from": 0, "to": 1, "points": -2}]},
        ],
    },
    "bands": [
        {"code": "low", "from": -2, "to": 5, "label": T},
        {"code": "mid", "from": 5, "to": 12, "label": T, "services": ["housing_counselling"], "handbook": ["haato"]},
        {"code": "high", "from": 12, "to": 30, "label": T, "emergency": True},
    ],
    "examples": [
        {"name": "calm", "band": "low", "answers": {"arrears": "none", "mood": 4}},
    ],
}


def base() -> dict:
    return copy.deepcopy(BASE)


def as_yaml(raw: dict) -> str:
    return yaml.safe_dump(raw, allow_unicode=True)
