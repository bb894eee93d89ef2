from analysis.regions.focus import named
from denyut.config import Config


def test_a_regional_deployment_carries_its_region_s_name_and_the_country_s_does_not():
    assert named(Config()).project.name == "Denyut"
    assert named(Config(regions={"focus": ["33"]})).project.name == "Denyut Jawa Tengah"
    assert named(Config(regions={"focus": ["33.29"]})).project.name == "Denyut Kabupaten Brebes"
    already = Config(project={"name": "Pantau Pemilu Jawa Tengah"}, regions={"focus": ["33"]})
    assert named(already).project.name == "Pantau Pemilu Jawa Tengah"
