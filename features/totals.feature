@area:totals
Feature: The totals of the cart: their order, and store credit (api/cart/products)
  The totals lines come in the sort order of the store's total extensions (the fixtures' `totals.order`; in the demo
  data Sub-Total, Reward Points, shipping, Coupon, the taxes, Store Credit, Gift Certificate, Total). The tax lines tie
  on their sort order and are sorted by title (`Eco Tax (-2.00)` before `VAT (20%)`). Extensions the store has not
  enabled show no line.

  A registered customer may have store credit: the sum of their credit transactions. When such a customer is set for
  the session, the totals of `api/cart/products` show a `Store Credit` line after the taxes (and before a gift voucher):
  it pays the balance, at most what the lines before it come to, and Total goes down by as much. With nothing to pay
  (an empty cart) there is no such line. Credit is taken from the balance only when an order is placed. The customer with
  credit is named by role in the target's fixtures (`customers`, with its `store_credit`).

  Rule: the lines come in the order of the total extensions

    @route:coupon @route:voucher @route:shipping/method @route:cart/products @id:totals-line-order @must
    Scenario: shipping, coupon, tax and gift voucher lines come in their places
      Given I am logged in
      And my cart holds 2 of the "with points" product for a discount
      And the "uk" shipping address is set
      And the shipping methods are listed
      And the "flat" shipping method is chosen
      And the "percent" coupon is applied
      When I apply the "valid" gift voucher
      Then the answer is a success
      And the cart totals are in the documented order, with the "percent" coupon, the "flat" shipping and the "valid" gift voucher

    @route:reward @route:customer @route:cart/products @id:totals-line-order-reward @may
    Scenario: the Reward Points line comes right after the Sub-Total
      Given I am logged in
      And the "registered with points" customer is set for the discount
      And my cart holds 2 of the "with points" product for a discount
      And the "uk" shipping address is set
      And the shipping methods are listed
      And the "flat" shipping method is chosen
      And the "percent" coupon is applied
      And the "valid" gift voucher is applied
      When I redeem 100 reward points
      Then the answer is a success
      And the cart totals are in the documented order, with the "percent" coupon, the "flat" shipping and the "valid" gift voucher

  Rule: store credit pays the cart, at most what there is to pay

    @route:customer @route:cart/products @id:totals-store-credit @must
    Scenario: a customer's store credit shows as a negative Store Credit line
      Given I am logged in
      And the "with store credit" customer is set for the discount
      And my cart holds 1 of the "simple" product for a discount
      Then the cart totals show the store credit of the "with store credit" customer

    @route:customer @route:cart/products @id:totals-store-credit-empty-cart @must
    Scenario: with an empty cart there is no Store Credit line
      Given I am logged in
      And the "with store credit" customer is set for the discount
      Then the cart totals show no store credit
