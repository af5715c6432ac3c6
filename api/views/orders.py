from drf_spectacular.utils import extend_schema
from rest_framework.response import Response

from .. import orders
from ..models import Scope
from ..schema import responses
from ..serializers import OrderQuery, OrderSerializer
from .base import ApiView


class OrderList(ApiView):
    required_scopes = {"GET": Scope.ORDERS_READ}
    serializer_class = OrderSerializer
    query_class = OrderQuery

    @extend_schema(
        operation_id="orders_list",
        summary="Orders, newest first (of one learner, in one status, or all)",
        parameters=[OrderQuery],
        responses=responses({200: OrderSerializer(many=True)}, 404),
        tags=["Orders"],
    )
    def get(self, request):
        return self.paginated(orders.orders(self.query()))


class OrderDetail(ApiView):
    required_scopes = {"GET": Scope.ORDERS_READ}
    serializer_class = OrderSerializer

    @extend_schema(
        operation_id="orders_retrieve",
        summary="One order, with its lines",
        responses=responses({200: OrderSerializer}, 404),
        tags=["Orders"],
    )
    def get(self, request, pk):
        return Response(OrderSerializer(orders.order(pk)).data)
