from django.urls import path

from . import invoice_views, views

app_name = "commerce"

urlpatterns = [
    path("cart/", views.cart_page, name="cart"),
    path("cart/add/", views.cart_add, name="cart_add"),
    path("cart/remove/", views.cart_remove, name="cart_remove"),
    path("cart/coupon/", views.cart_coupon, name="cart_coupon"),
    path("checkout/", views.checkout_view, name="checkout"),
    path("checkout/<int:order_id>/", views.pay, name="pay"),
    path("checkout/<int:order_id>/dev/", views.dev_pay, name="dev_pay"),
    path("checkout/<int:order_id>/stripe/", views.stripe_return, name="stripe_return"),
    path("checkout/<int:order_id>/paypal/", views.paypal_return, name="paypal_return"),
    path("orders/<int:order_id>/", views.order_page, name="order"),
    path("orders/<int:order_id>/receipt.pdf", invoice_views.receipt_pdf, name="receipt_pdf"),
    path("orders/<int:order_id>/billing/", invoice_views.billing_details, name="billing"),
    path("orders/<int:order_id>/invoices/<str:number>.pdf", invoice_views.invoice_pdf, name="invoice_pdf"),
]
