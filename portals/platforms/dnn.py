"""DotNetNuke portals (sokhcn.cantho, canthostnews): ``Default.aspx?tabid=N``, ``dnn_`` ids,
``/DesktopModules/`` and ``/Portals/0/`` paths."""

from portals.platforms import Platform
from portals.registry import Selectors

PLATFORM = Platform(
    name="dnn",
    label="DotNetNuke",
    pager="query",
    selectors=Selectors(drop=(".dnnActionMenu", ".dnnPrint", ".ModuleTitle_MenuContainer")),
    marks=(r'content="DotNetNuke', r"DNN Platform", r'id="dnn_', r"/DesktopModules/", r"tabid="),
    min_marks=2,
)
