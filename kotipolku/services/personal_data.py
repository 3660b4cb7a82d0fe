"""The service compass holds no data about people: it describes services (core/privacy.py)."""

from kotipolku.core.privacy import no_personal_data

_PUBLIC = "public facts about a service open to everyone"

MODELS = {
    "services.Category": no_personal_data("fixed service categories (codes and names)"),
    "services.TargetGroup": no_personal_data("fixed target groups (codes and names)"),
    "services.Language": no_personal_data("service languages (codes and names)"),
    "services.Municipality": no_personal_data("municipality codes and names"),
    "services.Organisation": no_personal_data("organisations that provide services: " + _PUBLIC),
    "services.Location": no_personal_data("addresses of service locations, not of people: " + _PUBLIC),
    "services.Service": no_personal_data("service descriptions; phone and e-mail are the service's own: " + _PUBLIC),
    "services.Service_categories": no_personal_data("service ↔ category links"),
    "services.Service_target_groups": no_personal_data("service ↔ target group links"),
    "services.Service_languages": no_personal_data("service ↔ language links"),
    "services.Service_municipalities": no_personal_data("service ↔ municipality links"),
    "services.OpeningPeriod": no_personal_data("opening hours of a service"),
    "services.OpeningException": no_personal_data("exceptional opening hours of a service"),
    "services.SearchTerm": no_personal_data("search index terms derived from service texts"),
    "services.OpenInterval": no_personal_data("precomputed opening intervals of services (derived from hours)"),
    "services.HoursWindow": no_personal_data("the date range the opening intervals cover"),
}
